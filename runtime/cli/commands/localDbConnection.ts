import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidArgumentError } from "commander";
import pg from "pg";
import { isTenantId, tenantIdRule } from "../../../tenants/tenantId.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { tenantLedgerRoleName } from "../../core/ledger/provisionTenantLedgerRole.ts";
import { localDatabaseNames, localLedgerDatabase } from "../../local/provisionLocalDatabases.ts";

/**
 * The embedded Postgres superuser's password: `startEmbeddedPostgres`'s default, which the local platform
 * keeps. Local only: the server listens on 127.0.0.1.
 */
const localSuperuserPassword = "silo-local";

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
  return {
    dataDir,
    port,
    connection: (database, login) => ({
      host: "127.0.0.1",
      port,
      database,
      user: login?.user ?? "postgres",
      password: login?.password ?? localSuperuserPassword,
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

/** `--tenant ID` / `--database ledger|ID`: a well-formed tenant id (or `ledger` where allowed). */
export function parseTenantTarget(allowLedger: boolean) {
  return (value: string): string => {
    if ((allowLedger && value === "ledger") || isTenantId(value)) return value;
    throw new InvalidArgumentError(
      `"${value}" is not ${allowLedger ? '"ledger" or ' : ""}a tenant id (${tenantIdRule})`,
    );
  };
}

/** `--data-dir`, as every local-platform command takes it. */
export const dataDirOption = [
  "--data-dir <dir>",
  "the local platform's data directory (SILO_DATA_DIR)",
] as const;

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
