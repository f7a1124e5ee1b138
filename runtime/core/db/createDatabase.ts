import pg from "pg";
import { SiloError } from "../errors/siloError.ts";
import { parseDatabaseSecret } from "../secrets/parseDatabaseSecret.ts";
import type { SecretSource } from "../secrets/secretSource.ts";
import { classifyDatabaseError } from "./classifyDatabaseError.ts";
import type { DatabaseConfig } from "./databaseConfig.ts";
import { DatabaseUnavailableError } from "./databaseUnavailableError.ts";
import { queryConfig } from "./queryConfig.ts";
import type { QueryOptions } from "./sqlDatabase.ts";

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  readonly config: DatabaseConfig;
  /** Where the credentials secret (`config.secretId`) is read from. */
  readonly secrets: SecretSource;
  /** `application_name` of every connection, shown in `pg_stat_activity` and server logs: `silo-<tenant>-<group>`. */
  readonly applicationName: string;
  /** Builds the connection pool; for instrumentation or tests. @default `new pg.Pool(settings)` */
  readonly poolFactory?: (settings: pg.PoolConfig) => pg.Pool;
  /** Receives one structured event per pool change; events never hold a credential. @default no events */
  readonly onEvent?: (event: DatabaseEvent) => void;
}

/**
 * What {@link createDatabase} reports for logs and metrics: a pool built (generation 1 on first use), a
 * pool's credentials refused (so the secret is read again), an idle connection dropped by the server.
 */
export type DatabaseEvent =
  | { readonly event: "db_pool_created"; readonly generation: number }
  | { readonly event: "db_credentials_refused"; readonly generation: number }
  | { readonly event: "db_idle_connection_error"; readonly error: string };

/** A tenant's database: pooled queries and transactions, with credentials from a secret. */
export interface Database {
  /**
   * Runs one statement on a pooled connection. Statement errors (syntax, constraints) reject unchanged;
   * failures of the database itself reject with `DatabaseUnavailableError`.
   */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
  /**
   * Runs `work` inside BEGIN ... COMMIT on one connection; any rejection rolls back and is rethrown. Only
   * queries on the `client` passed in are part of the transaction.
   */
  transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>;
  /** Closes every connection; later calls reject with `DATABASE_CLOSED`. */
  close(): Promise<void>;
}

/** One pool and the credentials it was built with; a rotation replaces the whole slot. */
interface PoolSlot {
  readonly generation: number;
  readonly pool: Promise<pg.Pool>;
  /** Settles when the slot is retired: a caller still queued for one of its connections moves on. */
  readonly retired: Promise<"retired">;
  readonly retire: () => void;
}

// The server ends a session left idle inside a transaction (a Lambda frozen or timed out mid-transaction),
// so its locks are not held until the connection happens to be closed.
const idleInTransactionTimeoutMs = 60_000;

/**
 * Connects to a tenant's database with credentials read from its secret. The pool is built on first use,
 * so a cold start that never touches the database never reads the secret.
 *
 * Rotation: when opening a connection fails because the server refuses the credentials (SQLSTATE 28P01 or
 * 28000), the cached secret is invalidated, the pool is rebuilt from the secret's current value and the
 * connection is tried once more. Only opening a connection is retried, never a statement, so nothing is ever
 * run twice. Concurrent failures share one refetch. A second refusal, an unreachable or overloaded server,
 * a timeout or a broken connection reject with `DatabaseUnavailableError` (`DATABASE_UNAVAILABLE`); an
 * unreadable or invalid secret rejects with `SECRET_UNAVAILABLE` or `DATABASE_SECRET_INVALID`.
 *
 * @example
 * const database = createDatabase({
 *   config: loadDatabaseConfig(process.env),
 *   secrets: createSecretsManagerSource({ client: new SecretsManagerClient({}), ttlMs: 300_000 }),
 *   applicationName: "silo-acme-chat",
 * });
 * const { rows } = await database.query("SELECT id, title FROM conversations WHERE id = $1", [id]);
 */
export function createDatabase(options: CreateDatabaseOptions): Database {
  const { config, secrets } = options;
  const poolFactory = options.poolFactory ?? ((settings: pg.PoolConfig) => new pg.Pool(settings));
  let slot: PoolSlot | undefined;
  let generations = 0;
  let closed = false;
  const retiring = new Set<Promise<void>>();

  const buildPool = async (generation: number): Promise<pg.Pool> => {
    const secret = await secrets.getSecret(config.secretId);
    const { username, password } = parseDatabaseSecret(secret, config.secretId);
    const pool = poolFactory({
      host: config.host,
      port: config.port,
      database: config.database,
      user: username,
      password,
      ssl: config.ssl === "require" ? { rejectUnauthorized: true } : false,
      max: config.poolMax,
      connectionTimeoutMillis: config.connectTimeoutMs,
      idleTimeoutMillis: config.idleTimeoutMs,
      statement_timeout: config.statementTimeoutMs,
      idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
      application_name: options.applicationName,
      keepAlive: true,
      // A script or CLI that forgets close() still exits; a Lambda or server is kept alive by other work.
      allowExitOnIdle: true,
    });
    // Without a listener, an idle connection that breaks (failover, server restart) crashes the process.
    pool.on("error", (error) =>
      options.onEvent?.({ event: "db_idle_connection_error", error: error.message }),
    );
    options.onEvent?.({ event: "db_pool_created", generation });
    return pool;
  };

  const startSlot = (): PoolSlot => {
    generations += 1;
    let markRetired = () => {};
    const retired = new Promise<"retired">((resolve) => {
      markRetired = () => resolve("retired");
    });
    const started: PoolSlot = {
      generation: generations,
      pool: buildPool(generations),
      retired,
      retire: markRetired,
    };
    // A failed build (secret unreadable or invalid) is forgotten, so the next call reads the secret again.
    started.pool.catch(() => {
      if (slot === started) slot = undefined;
    });
    return started;
  };

  const currentSlot = (): PoolSlot => {
    if (closed) {
      throw new SiloError(
        "DATABASE_CLOSED",
        `the connection pool for database ${JSON.stringify(config.database)} at ${config.host}:${config.port} ` +
          "was closed: create a new one with createDatabase",
      );
    }
    slot ??= startSlot();
    return slot;
  };

  const retire = (old: PoolSlot | undefined): void => {
    if (old === undefined) return;
    old.retire();
    // end() waits for connections still checked out, so statements running on the old pool finish.
    const ending: Promise<void> = old.pool
      .then((pool) => pool.end())
      .catch(() => undefined)
      .finally(() => retiring.delete(ending));
    retiring.add(ending);
  };

  /** Replaces the pool whose credentials were refused, unless a concurrent caller already did. */
  const replaceRefusedSlot = (refused: PoolSlot): PoolSlot => {
    if (slot !== undefined && slot !== refused) return slot;
    if (closed) return currentSlot(); // throws DATABASE_CLOSED
    secrets.invalidate(config.secretId);
    options.onEvent?.({ event: "db_credentials_refused", generation: refused.generation });
    retire(slot);
    slot = startSlot();
    return slot;
  };

  /** The current slot's pool, skipping pools retired while we waited, which refuse new connections. */
  const currentPool = async (): Promise<{ from: PoolSlot; pool: pg.Pool }> => {
    for (;;) {
      const from = currentSlot();
      const pool = await from.pool;
      if (slot === from) return { from, pool };
    }
  };

  /** A connection from the slot's pool, or "retired" if the slot is retired first (the late client is released). */
  const connectUnlessRetired = async (from: { from: PoolSlot; pool: pg.Pool }) => {
    const connecting = from.pool.connect();
    const winner = await Promise.race([connecting, from.from.retired]);
    if (winner === "retired") {
      connecting.then(
        (late) => late.release(),
        () => undefined,
      );
    }
    return winner;
  };

  const connect = async (): Promise<pg.PoolClient> => {
    const first = await currentPool();
    try {
      const client = await connectUnlessRetired(first);
      if (client !== "retired") return client;
      // Another caller's connection was refused and the pool replaced while this one waited in its queue
      // (an ending pg.Pool serves no queued caller): take a connection from the new pool instead.
    } catch (error) {
      if (classifyDatabaseError(error) !== "authentication") throw unavailable(error);
      replaceRefusedSlot(first.from);
    }
    const second = await currentPool();
    try {
      return await second.pool.connect();
    } catch (error) {
      throw unavailable(error);
    }
  };

  // A connection that could not be opened is always the database's problem, whatever the driver said.
  const unavailable = (error: unknown): DatabaseUnavailableError =>
    new DatabaseUnavailableError(classifyDatabaseError(error) ?? "unreachable", config, error);

  /** Releases a client after a failure (destroying it if its connection broke); returns what to throw. */
  const releaseAfter = (client: pg.PoolClient, error: unknown): unknown => {
    const kind = classifyDatabaseError(error);
    const broken = kind !== undefined && kind !== "statement_timeout";
    client.release(broken ? (error as Error) : undefined);
    return kind === undefined ? error : new DatabaseUnavailableError(kind, config, error);
  };

  return {
    async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
      text: string,
      values?: readonly unknown[],
      options?: QueryOptions,
    ) {
      const client = await connect();
      let result: pg.QueryResult<R>;
      try {
        result = await client.query<R>(queryConfig(text, values, options));
      } catch (error) {
        throw releaseAfter(client, error);
      }
      client.release();
      return result;
    },

    async transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
      const client = await connect();
      let result: T;
      try {
        await client.query("BEGIN");
        result = await work(client);
        await client.query("COMMIT");
      } catch (error) {
        const kind = classifyDatabaseError(error);
        if (kind === undefined || kind === "statement_timeout") {
          try {
            await client.query("ROLLBACK");
          } catch (rollbackError) {
            // The connection is in an unknown state: destroy it rather than hand it to the next caller.
            client.release(rollbackError as Error);
            throw kind === undefined ? error : new DatabaseUnavailableError(kind, config, error);
          }
        }
        throw releaseAfter(client, error);
      }
      client.release();
      return result;
    },

    async close() {
      closed = true;
      retire(slot);
      slot = undefined;
      await Promise.all(retiring);
    },
  };
}
