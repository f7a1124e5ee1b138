import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  legacySuperuserPassword,
  localSuperuserPasswordFile,
  readLocalSuperuserPassword,
  startLocalPostgres,
} from "../../../runtime/local/localSuperuserPassword.ts";
import { startEmbeddedPostgres } from "../../../runtime/local/startEmbeddedPostgres.ts";

const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "silo-superuser-"));
  dirs.push(dir);
  return dir;
}

/** Whether the superuser can log in with `password`. */
async function accepts(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("startLocalPostgres", () => {
  it("gives a new data directory's superuser a password of its own, kept 0600, and reuses it on restart", async () => {
    // Prepare
    const dir = await dataDir();

    // Act
    const first = await startLocalPostgres(dir);
    const password = await readLocalSuperuserPassword(dir);
    const firstAccepts = await accepts(first.port, password);
    const legacyAccepted = await accepts(first.port, legacySuperuserPassword);
    await first.stop();
    const second = await startLocalPostgres(dir);
    const secondAccepts = await accepts(second.port, password);
    await second.stop();

    // Assess
    expect(password).not.toBe(legacySuperuserPassword);
    expect(password.length).toBeGreaterThanOrEqual(40);
    expect(first.password).toBe(password);
    expect((await stat(localSuperuserPasswordFile(dir))).mode & 0o777).toBe(0o600);
    expect(firstAccepts).toBe(true);
    expect(legacyAccepted).toBe(false);
    expect(secondAccepts).toBe(true);
  }, 120_000);

  it("replaces the legacy password of a cluster an earlier version created", async () => {
    // Prepare: a data directory as earlier versions left it, with no password file
    const dir = await dataDir();
    const old = await startEmbeddedPostgres({
      dataDir: join(dir, "postgres"),
      password: legacySuperuserPassword,
    });
    await old.stop();

    // Act
    const server = await startLocalPostgres(dir);
    const saved = JSON.parse(await readFile(localSuperuserPasswordFile(dir), "utf8")) as { password: string };
    const newAccepted = await accepts(server.port, saved.password);
    const legacyAccepted = await accepts(server.port, legacySuperuserPassword);
    await server.stop();

    // Assess
    expect(server.password).toBe(saved.password);
    expect(newAccepted).toBe(true);
    expect(legacyAccepted).toBe(false);
  }, 120_000);
});

describe("readLocalSuperuserPassword", () => {
  it("answers the legacy password for a data directory without the file", async () => {
    expect(await readLocalSuperuserPassword(await dataDir())).toBe(legacySuperuserPassword);
  });
});
