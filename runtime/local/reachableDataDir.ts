import { constants } from "node:fs";
import {
  access,
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  realpath,
  rm,
  stat,
  symlink,
} from "node:fs/promises";
import { dirname, join } from "node:path";
import { PostgresDataDirUnwritableError, PostgresPathUnreachableError } from "./embeddedPostgresErrors.ts";
import { findBlockingDirectory } from "./findBlockingDirectory.ts";
import type { PostgresAccount } from "./postgresAccount.ts";
import { postgresScratchDir } from "./postgresScratchDir.ts";

/**
 * Makes `dataDir` ready for the user Postgres runs as and returns the real path to give Postgres. As this
 * process's own user: created and checked writable. As root: owned by the postgres user, mode 0700; when a
 * directory above it is closed to that user (a data dir under a 0700 `/root`), the cluster lives in a
 * folder of its own under the temp dir instead, and `dataDir` becomes a symlink to it, so everything that
 * names `dataDir` (the CLI reading `postmaster.pid`) still finds it. Fails with
 * `POSTGRES_DATA_DIR_UNWRITABLE` or, for a cluster that already exists out of reach,
 * `POSTGRES_PATH_UNREACHABLE`.
 *
 * @example
 * const clusterDir = await reachableDataDir("/root/silo-data/postgres", account);
 */
export async function reachableDataDir(
  dataDir: string,
  account: PostgresAccount | undefined,
  progress: (line: string) => void = () => {},
): Promise<string> {
  try {
    if (account === undefined) {
      await mkdir(dataDir, { recursive: true });
      await access(dataDir, constants.W_OK);
      return await realpath(dataDir);
    }
    await mkdir(dirname(dataDir), { recursive: true });
  } catch (error) {
    throw new PostgresDataDirUnwritableError(dataDir, error);
  }
  const existing = await lstat(dataDir).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    const target = await realpath(dataDir).catch(() => undefined);
    const info = target === undefined ? undefined : await stat(target);
    if (target !== undefined && info?.isDirectory() && info.uid === account.uid) return target;
    // The relocated cluster is gone (a temp-folder cleaner): start a new one.
    await rm(dataDir, { force: true });
  } else {
    const blocking = await findBlockingDirectory(dirname(dataDir), account);
    if (blocking === undefined) {
      await mkdir(dataDir, { recursive: true });
      await chown(dataDir, account.uid, account.gid);
      await chmod(dataDir, 0o700);
      return await realpath(dataDir);
    }
    if (existing !== undefined) {
      if ((await readdir(dataDir)).length > 0) {
        throw new PostgresPathUnreachableError(
          "data directory",
          dataDir,
          blocking,
          "move it under a folder that user can enter, or start clean with --reset (deletes the local data)",
        );
      }
      await rm(dataDir, { recursive: true });
    }
    progress(`the postgres user cannot enter ${blocking}: keeping the Postgres data in the temp folder`);
  }
  const relocated = await mkdtemp(join(await postgresScratchDir(account), "silo-kit-postgres-data-"));
  await chown(relocated, account.uid, account.gid);
  await chmod(relocated, 0o700);
  await symlink(relocated, dataDir);
  progress(`Postgres data: ${relocated} (linked from ${dataDir})`);
  return relocated;
}

/**
 * Deletes a Postgres data directory made by {@link reachableDataDir}, and the folder it links to if it was
 * relocated.
 *
 * @example
 * await removePostgresDataDir(join(dataDir, "postgres"));
 */
export async function removePostgresDataDir(dataDir: string): Promise<void> {
  const existing = await lstat(dataDir).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    const target = await realpath(dataDir).catch(() => undefined);
    if (target !== undefined) await rm(target, { recursive: true, force: true });
  }
  await rm(dataDir, { recursive: true, force: true });
}
