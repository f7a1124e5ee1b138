import { type Command, InvalidArgumentError } from "commander";
import type pg from "pg";
import { SiloError } from "../../core/errors/siloError.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import { localDatabaseNames } from "../../local/provisionLocalDatabases.ts";
import type { CliContext } from "../cliContext.ts";
import {
  dataDirOption,
  findLocalPostgres,
  parseTenantTarget,
  runFormatted,
  withClient,
} from "./localDbConnection.ts";

/** Postgres's limit on identifiers; longer names are silently truncated, so they are refused instead. */
const maxIdentifierLength = 63;

/** `--name`: 1-20 characters of a-z, 0-9 and `-`, starting with a letter or digit. */
export function parseSnapshotName(value: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,19}$/.test(value)) {
    throw new InvalidArgumentError(
      `"${value}" is not a snapshot name: use 1-20 characters of a-z, 0-9 and -, e.g. before-incident`,
    );
  }
  return value;
}

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

/**
 * `silo local-db snapshot --tenant ID --name NAME`: a point-in-time copy of a tenant's local database, the
 * local stand-in for an RDS snapshot, for rehearsing a restore (`silo local-db restore`).
 */
export function registerLocalDbSnapshot(localDb: Command, context: CliContext): void {
  localDb
    .command("snapshot")
    .description("take a snapshot (a point-in-time copy) of a tenant's database on the local platform")
    .requiredOption("--tenant <id>", "the tenant", parseTenantTarget(false))
    .requiredOption("--name <name>", "the snapshot's name, e.g. before-incident", parseSnapshotName)
    .option(...dataDirOption, defaultDataDir())
    .action(async (options: { tenant: string; name: string; dataDir: string }) => {
      const postgres = await findLocalPostgres(options.dataDir);
      const { database, user } = localDatabaseNames(options.tenant);
      const snapshot = localSnapshotDatabase(options.tenant, options.name);
      await withClient(postgres.connection("postgres"), async (admin) => {
        if (await databaseExists(admin, snapshot)) {
          throw new SiloError(
            "LOCAL_SNAPSHOT_EXISTS",
            `tenant ${options.tenant} already has a snapshot named ${options.name}; choose another --name`,
          );
        }
        await copyDatabase(admin, database, snapshot, user);
      });
      context.out(
        `snapshot ${options.name} of tenant ${options.tenant}: ${database} copied to ${snapshot}\n`,
      );
    });
}
