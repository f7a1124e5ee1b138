import { spawn } from "node:child_process";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clearStalePostmasterPid } from "../../../runtime/local/clearStalePostmasterPid.ts";

let clusterDir: string;
const pidFile = () => join(clusterDir, "postmaster.pid");

/** A postmaster.pid as Postgres writes it: PID, data dir, start time, port, ... */
async function writePidFile(pid: number | string): Promise<void> {
  await writeFile(pidFile(), `${pid}\n${clusterDir}\n1733325000\n54321\n/tmp\n127.0.0.1\n`);
}

async function exists(file: string): Promise<boolean> {
  return await access(file).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  clusterDir = await mkdtemp(join(tmpdir(), "silo-postmaster-"));
});

afterAll(async () => {
  await rm(clusterDir, { recursive: true, force: true });
});

describe("clearStalePostmasterPid", () => {
  it("removes a file whose PID now runs another program, saying so", async () => {
    // Prepare: this test's own process stands for the program that took the PID over
    await writePidFile(process.pid);
    const progress: string[] = [];

    // Act
    await clearStalePostmasterPid(clusterDir, "/data/postgres", (line) => progress.push(line));

    // Assess
    expect(await exists(pidFile())).toBe(false);
    expect(progress).toEqual([`removed a stale ${pidFile()}: its PID ${process.pid} now runs node`]);
  });

  it("removes a file that names no process", async () => {
    await writePidFile("garbage");

    await clearStalePostmasterPid(clusterDir, "/data/postgres");

    expect(await exists(pidFile())).toBe(false);
  });

  it("leaves a dead PID's file to Postgres, which clears it itself", async () => {
    // Prepare
    const child = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => child.once("exit", resolve));
    await writePidFile(child.pid ?? 0);

    // Act
    await clearStalePostmasterPid(clusterDir, "/data/postgres");

    // Assess
    expect(await exists(pidFile())).toBe(true);
    await rm(pidFile());
  });

  it("fails with POSTGRES_ALREADY_RUNNING when the PID is a running Postgres", async () => {
    // Prepare: a backend of the test run's Postgres is a live postgres process
    const client = new pg.Client(inject("postgresUrl").replace("{database}", "postgres"));
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const pid = rows[0]?.pid ?? 0;
    await writePidFile(pid);

    // Act
    const attempt = clearStalePostmasterPid(clusterDir, "/data/postgres");

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: "POSTGRES_ALREADY_RUNNING",
      message:
        `Postgres (PID ${pid}) already runs on the data directory /data/postgres, most likely another silo ` +
        `local; stop it (Ctrl-C in its terminal, or kill -INT ${pid}) or pass another --data-dir ` +
        `(if no Postgres runs as PID ${pid}, delete /data/postgres/postmaster.pid)`,
    });
    expect(await exists(pidFile())).toBe(true);
    await client.end();
  });
});
