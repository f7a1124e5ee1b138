import {
  access,
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reachableDataDir, removePostgresDataDir } from "../../../runtime/local/reachableDataDir.ts";

const isRoot = process.getuid?.() === 0;
/** The postgres user as the function sees it: neither owner nor group of the test's folders. */
const postgresUser = { name: "postgres", uid: 54_321, gid: 54_321 } as const;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "silo-datadir-"));
  await chmod(root, 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("reachableDataDir, as this process's own user", () => {
  it("creates the directory and hands back its real path", async () => {
    const dataDir = join(root, "mine", "postgres");

    const clusterDir = await reachableDataDir(dataDir, undefined);

    expect(clusterDir).toBe(dataDir);
    await access(dataDir);
  });

  it("fails with POSTGRES_DATA_DIR_UNWRITABLE where no directory can be made", async () => {
    // Prepare
    await writeFile(join(root, "a-file"), "");
    const dataDir = join(root, "a-file", "postgres");

    // Act
    const attempt = reachableDataDir(dataDir, undefined);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: "POSTGRES_DATA_DIR_UNWRITABLE",
      message:
        `cannot create the Postgres data directory ${dataDir} (ENOTDIR: not a directory, mkdir '${dataDir}'); ` +
        "pass --data-dir (SILO_DATA_DIR) a folder you can write, e.g. under /tmp",
    });
  });
});

describe.runIf(isRoot)("reachableDataDir, as root for the postgres user", () => {
  it("gives a reachable directory to the postgres user, mode 0700", async () => {
    const dataDir = join(root, "open", "postgres");

    const clusterDir = await reachableDataDir(dataDir, postgresUser);

    expect(clusterDir).toBe(dataDir);
    const info = await stat(dataDir);
    expect({ uid: info.uid, gid: info.gid, mode: info.mode & 0o777 }).toEqual({
      uid: postgresUser.uid,
      gid: postgresUser.gid,
      mode: 0o700,
    });
  });

  it("keeps the cluster under the temp dir, linked from the data dir, when a folder above is private", async () => {
    // Prepare
    const privateFolder = join(root, "private");
    await mkdir(privateFolder, { mode: 0o700 });
    await chmod(privateFolder, 0o700);
    const dataDir = join(privateFolder, "data", "postgres");
    const progress: string[] = [];

    // Act
    const clusterDir = await reachableDataDir(dataDir, postgresUser, (line) => progress.push(line));
    const again = await reachableDataDir(dataDir, postgresUser);

    // Assess
    expect(clusterDir).toMatch(new RegExp(`^${tmpdir()}/silo-kit-postgres-data-`));
    expect(again).toBe(clusterDir);
    expect(await readlink(dataDir)).toBe(clusterDir);
    expect((await stat(clusterDir)).uid).toBe(postgresUser.uid);
    expect(progress).toEqual([
      `the postgres user cannot enter ${privateFolder} (mode 0700, owner uid 0): keeping the Postgres data in the temp folder`,
      `Postgres data: ${clusterDir} (linked from ${dataDir})`,
    ]);

    // Act: removing the data dir removes the relocated cluster with it
    await removePostgresDataDir(dataDir);

    // Assess
    await expect(lstat(dataDir)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(lstat(clusterDir)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("starts a new relocated cluster when the old one was cleaned away", async () => {
    // Prepare
    const privateFolder = join(root, "private-cleaned");
    await mkdir(join(privateFolder, "data"), { recursive: true });
    await chmod(privateFolder, 0o700);
    const dataDir = join(privateFolder, "data", "postgres");
    await symlink(join(tmpdir(), "silo-kit-postgres-data-gone"), dataDir);

    // Act
    const clusterDir = await reachableDataDir(dataDir, postgresUser);

    // Assess
    expect(await readlink(dataDir)).toBe(clusterDir);
    await removePostgresDataDir(dataDir);
  });

  it("refuses to move a cluster that exists out of the postgres user's reach", async () => {
    // Prepare
    const privateFolder = join(root, "private-existing");
    const dataDir = join(privateFolder, "postgres");
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, "PG_VERSION"), "18\n");
    await chmod(privateFolder, 0o700);

    // Act
    const attempt = reachableDataDir(dataDir, postgresUser);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: "POSTGRES_PATH_UNREACHABLE",
      message:
        `the postgres user cannot reach the data directory ${dataDir}: it may not enter ${privateFolder} ` +
        "(mode 0700, owner uid 0); move it under a folder that user can enter, or start clean with --reset " +
        "(deletes the local data)",
    });
  });
});
