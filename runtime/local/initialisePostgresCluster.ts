import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PostgresInitdbError } from "./embeddedPostgresErrors.ts";
import type { PostgresBinaries } from "./locatePostgresBinaries.ts";
import type { PostgresAccount } from "./postgresAccount.ts";
import { postgresScratchDir } from "./postgresScratchDir.ts";
import { postgresFailureDetail, spawnPostgresBinary } from "./spawnPostgresBinary.ts";

/** Options of {@link initialisePostgresCluster}. */
export interface InitialiseClusterArgs {
  readonly binaries: PostgresBinaries;
  /** The empty directory, ready for `account` (see reachableDataDir). */
  readonly clusterDir: string;
  /** The data directory as the caller named it, for messages. */
  readonly dataDir: string;
  readonly account: PostgresAccount | undefined;
  /** The superuser `postgres`'s password. */
  readonly password: string;
  readonly onLog?: (line: string) => void;
}

/**
 * Runs initdb: superuser `postgres` with `password`, SCRAM authentication, English server messages. The
 * password reaches initdb through a 0600 file of the account's own in a fresh folder, deleted afterwards,
 * never through the command line. Fails with `POSTGRES_INITDB_FAILED` carrying initdb's own error.
 *
 * @example
 * await initialisePostgresCluster({ binaries, clusterDir, dataDir, account, password: "silo-local" });
 */
export async function initialisePostgresCluster(args: InitialiseClusterArgs): Promise<void> {
  const { account } = args;
  const folder = await mkdtemp(
    join(account === undefined ? tmpdir() : await postgresScratchDir(account), "silo-kit-initdb-"),
  );
  try {
    const passwordFile = join(folder, "password");
    await writeFile(passwordFile, `${args.password}\n`, { mode: 0o600 });
    if (account !== undefined) {
      await chown(folder, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    const initdb = spawnPostgresBinary(
      args.binaries.initdb,
      [
        `--pgdata=${args.clusterDir}`,
        "--auth=scram-sha-256",
        "--username=postgres",
        `--pwfile=${passwordFile}`,
        "--lc-messages=C",
      ],
      account,
      (text) => args.onLog?.(text.trimEnd()),
    );
    const { code, signal } = await initdb.exited;
    if (code !== 0) {
      throw new PostgresInitdbError(
        args.dataDir,
        `exited with ${signal ?? `code ${code}`}: ${postgresFailureDetail(initdb.output())}`,
      );
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
