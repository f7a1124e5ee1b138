import { chmod, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmbeddedPostgresServer,
  startEmbeddedPostgres,
} from "../../../runtime/local/startEmbeddedPostgres.ts";
import { createTestDatabase, type TestDatabase } from "../../support/postgres/testDatabase.ts";

const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe("the test run's embedded Postgres", () => {
  it("is a real Postgres with synchronous_commit on, giving each caller its own database", async () => {
    // Prepare
    const first = await createTestDatabase("first");
    const second = await createTestDatabase("second");
    databases.push(first, second);
    const client = new pg.Client(first.url);
    await client.connect();

    // Act
    const { rows } = await client.query<{ version: string; sync: string; db: string }>(
      "select version() as version, current_setting('synchronous_commit') as sync, current_database() as db",
    );
    await client.end();

    // Assess
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    expect(rows[0]?.sync).toBe("on");
    expect(rows[0]?.db).toBe(first.name);
    expect(second.name).not.toBe(first.name);
  });
});

describe("startEmbeddedPostgres when it cannot start", () => {
  let dataRoot: string;
  let dataDir: string;
  let first: EmbeddedPostgresServer | undefined;

  beforeAll(async () => {
    dataRoot = await mkdtemp(join(tmpdir(), "silo-pg-failures-"));
    await chmod(dataRoot, 0o755);
    dataDir = join(dataRoot, "postgres");
    first = await startEmbeddedPostgres({ dataDir });
  }, 60_000);

  afterAll(async () => {
    await first?.stop();
    await rm(dataRoot, { recursive: true, force: true });
  });

  it("refuses a second server on a data directory a running one uses", async () => {
    const attempt = startEmbeddedPostgres({ dataDir });

    await expect(attempt).rejects.toMatchObject({
      code: "POSTGRES_ALREADY_RUNNING",
      message: expect.stringMatching(
        new RegExp(`^Postgres \\(PID \\d+\\) already runs on the data directory ${dataDir}, most likely`),
      ),
    });
  });

  it("names the port and how to free it when another program listens there", async () => {
    // Prepare
    await first?.stop();
    first = undefined;
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as AddressInfo).port;

    // Act
    const attempt = startEmbeddedPostgres({ dataDir, port });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: "POSTGRES_PORT_IN_USE",
      message:
        `port ${port} on 127.0.0.1 is already in use, so Postgres cannot listen on it; stop what uses it ` +
        `(ss -ltnp | grep :${port}) or let the platform pick a free port (the default)`,
    });
    holder.close();
  }, 30_000);

  it("starts over a postmaster.pid left by a killed server whose PID another program now has", async () => {
    // Prepare: this test's own process holds the PID the file names
    const clusterDir = await realpath(dataDir);
    await writeFile(join(clusterDir, "postmaster.pid"), `${process.pid}\n${clusterDir}\n1733325000\n5432\n`);
    const progress: string[] = [];

    // Act
    const server = await startEmbeddedPostgres({ dataDir, progress: (line) => progress.push(line) });
    const client = new pg.Client(server.url("postgres"));
    await client.connect();
    const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
    await client.end();
    await server.stop();

    // Assess
    expect(rows).toEqual([{ one: 1 }]);
    expect(progress).toContain(
      `removed a stale ${join(clusterDir, "postmaster.pid")}: its PID ${process.pid} now runs node`,
    );
  }, 30_000);

  it("says which data directory cannot be created, and how to choose another", async () => {
    // Prepare
    await writeFile(join(dataRoot, "a-file"), "");
    const unwritable = join(dataRoot, "a-file", "postgres");

    // Act
    const attempt = startEmbeddedPostgres({ dataDir: unwritable });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: "POSTGRES_DATA_DIR_UNWRITABLE",
      message: expect.stringMatching(
        new RegExp(
          `^cannot create the Postgres data directory ${unwritable} \\((ENOTDIR|EEXIST): .*\\); pass --data-dir`,
        ),
      ),
    });
  });
});
