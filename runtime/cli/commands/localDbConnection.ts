import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { SiloError } from "../../core/errors/siloError.ts";
import { tenantLedgerRoleName } from "../../core/ledger/provisionTenantLedgerRole.ts";
import { readLocalSuperuserPassword } from "../../local/localSuperuserPassword.ts";
import { localDatabaseNames, localLedgerDatabase } from "../../local/provisionLocalDatabases.ts";

/** The passwords the local platform generated per tenant, `<data dir>/local-secrets.json`. */
export type LocalSecrets = Record<string, { databasePassword: string; ledgerPassword: string }>;

/** The running local platform's Postgres, found through its data directory. */
export interface LocalPostgres {
  readonly dataDir: string;
  readonly port: number;
  /** Connection settings for `database` as the superuser, or as `user` with `password`. */
  readonly connection: (database: string, login?: { user: string; password: string }) => pg.ClientConfig;
}

/**
 * Finds the Postgres of the local platform running with `dataDir`: its port is the fourth line of
 * Postgres's own `postmaster.pid`. Fails with `LOCAL_PLATFORM_NOT_RUNNING` when there is none.
 *
 * @example
 * const postgres = await findLocalPostgres(defaultDataDir());
 */
export async function findLocalPostgres(dataDir: string): Promise<LocalPostgres> {
  const pidFile = join(dataDir, "postgres", "postmaster.pid");
  const text = await readFile(pidFile, "utf8").catch(() => undefined);
  const port = Number(text?.split("\n")[3]);
  if (text === undefined || !Number.isInteger(port) || port < 1) {
    throw new SiloError(
      "LOCAL_PLATFORM_NOT_RUNNING",
      `no running local Postgres in ${dataDir} (${pidFile} is missing or unreadable); start the platform ` +
        "with npm start, or pass the --data-dir (SILO_DATA_DIR) it runs with",
    );
  }
  const superuserPassword = await readLocalSuperuserPassword(dataDir);
  return {
    dataDir,
    port,
    connection: (database, login) => ({
      host: "127.0.0.1",
      port,
      database,
      user: login?.user ?? "postgres",
      password: login?.password ?? superuserPassword,
    }),
  };
}

/** Reads `<data dir>/local-secrets.json`. */
export async function readLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, "local-secrets.json");
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) {
    throw new SiloError(
      "LOCAL_PLATFORM_NOT_RUNNING",
      `${file} does not exist: the local platform has not run with data directory ${dataDir}; start it with npm start`,
    );
  }
  return JSON.parse(text) as LocalSecrets;
}

/** Writes `<data dir>/local-secrets.json` (mode 0600), read by the platform at its next start. */
export async function writeLocalSecrets(dataDir: string, secrets: LocalSecrets): Promise<void> {
  await writeFile(join(dataDir, "local-secrets.json"), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

/** The tenant's entry in the local secrets, or `LOCAL_TENANT_UNKNOWN` naming the tenants it has. */
export function tenantSecretsOf(secrets: LocalSecrets, tenantId: string): LocalSecrets[string] {
  const entry = secrets[tenantId];
  if (entry === undefined) {
    throw new SiloError(
      "LOCAL_TENANT_UNKNOWN",
      `tenant ${tenantId} has no database on the local platform (it has: ${Object.keys(secrets).join(", ")}); ` +
        "add tenants/<id>.yaml and restart the platform",
    );
  }
  return entry;
}

/** Which database `--database` names: `ledger` (the usage ledger) or a tenant id (that tenant's database). */
export function localDatabaseOf(target: string): string {
  return target === "ledger" ? localLedgerDatabase : localDatabaseNames(target).database;
}

/** The login of a tenant on the local platform: its own database role, or its ledger role. */
export function tenantLogin(
  secrets: LocalSecrets,
  tenantId: string,
  which: "database" | "ledger",
): { user: string; password: string } {
  const entry = tenantSecretsOf(secrets, tenantId);
  return which === "database"
    ? { user: localDatabaseNames(tenantId).user, password: entry.databasePassword }
    : { user: tenantLedgerRoleName(tenantId), password: entry.ledgerPassword };
}

/** Runs `work` with a connected client and always closes it. */
export async function withClient<T>(config: pg.ClientConfig, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs DDL built by the server's `format()` from `template` and `names` (DDL takes no bind parameters, so
 * `%I` quotes each name on the server).
 *
 * @example
 * await runFormatted(admin, "ALTER DATABASE %I RENAME TO %I", from, to);
 */
export async function runFormatted(admin: pg.Client, template: string, ...names: string[]): Promise<void> {
  const placeholders = names.map((_, index) => `$${index + 1}::text`).join(", ");
  const statement = await admin.query<{ sql: string }>(
    `SELECT format('${template}', ${placeholders}) AS sql`,
    names,
  );
  await admin.query(statement.rows[0]?.sql ?? "");
}

/** Postgres's limit on identifiers; longer names are silently truncated, so they are refused instead. */
const maxIdentifierLength = 63;

/** The database holding a tenant's local snapshot `name`: `silo_tenant_<id>__snap_<name>`. */
export function localSnapshotDatabase(tenantId: string, name: string): string {
  const database = `${localDatabaseNames(tenantId).database}__snap_${name.replaceAll("-", "_")}`;
  if (database.length > maxIdentifierLength) {
    throw new SiloError(
      "LOCAL_SNAPSHOT_NAME_TOO_LONG",
      `snapshot database ${database} is longer than Postgres's ${maxIdentifierLength} characters; use a shorter --name`,
    );
  }
  return database;
}

/**
 * Copies `source` to a new database `target` (owned by `owner`) with `CREATE DATABASE ... TEMPLATE`, which
 * needs the source to have no sessions: connections are refused and ended for the moment of the copy, as a
 * single-AZ RDS snapshot briefly suspends I/O.
 */
export async function copyDatabase(admin: pg.Client, source: string, target: string, owner: string) {
  await runFormatted(admin, "ALTER DATABASE %I ALLOW_CONNECTIONS false", source);
  try {
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [source],
    );
    await runFormatted(admin, "CREATE DATABASE %I TEMPLATE %I OWNER %I", target, source, owner);
  } finally {
    await runFormatted(admin, "ALTER DATABASE %I ALLOW_CONNECTIONS true", source);
  }
}

/** Whether a database of that name exists. */
export async function databaseExists(admin: pg.Client, database: string): Promise<boolean> {
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  return (found.rowCount ?? 0) > 0;
}
