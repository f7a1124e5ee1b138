import { SiloError } from "../../../core/errors/siloError.ts";

/** Where the finance commands read the ledger from, when no `--database-url` is given. */
export const ledgerDatabaseUrlVariable = "SILO_LEDGER_DATABASE_URL";

/**
 * Neither `--database-url` nor SILO_LEDGER_DATABASE_URL says where the ledger is, and no local platform has
 * left its finance login at `localLoginFile`.
 */
export class LedgerDatabaseUrlMissingError extends SiloError {
  constructor(localLoginFile: string) {
    super(
      "LEDGER_DATABASE_URL_MISSING",
      `no usage ledger connection string: pass --database-url postgres://<finance role>@<host>:5432/<ledger db> ` +
        `or set ${ledgerDatabaseUrlVariable} (connect as a login role in silo_ledger_finance); for the local ` +
        `platform, start it (npm start), which writes its finance login to ${localLoginFile}, or pass the ` +
        "--data-dir it runs with",
    );
  }
}

/** The ledger database could not be reached or logged in to. */
export class LedgerConnectionError extends SiloError {
  constructor(target: string, cause: unknown) {
    super(
      "LEDGER_CONNECTION_FAILED",
      `cannot connect to the usage ledger at ${target}: ${(cause as Error).message ?? String(cause)}; ` +
        `check --database-url / ${ledgerDatabaseUrlVariable}, the network path and the role's password`,
      { cause },
    );
  }
}

/**
 * Connected as a role outside silo_ledger_finance: a tenant role would see only its own tenant's rows (row-level
 * security), so a report over it would be silently partial.
 */
export class NotFinanceRoleError extends SiloError {
  constructor(role: string) {
    super(
      "LEDGER_NOT_FINANCE_ROLE",
      `connected to the usage ledger as ${role}, which is not a member of silo_ledger_finance; a tenant role sees ` +
        "only its own rows, so the report would be partial. Connect as a finance login role " +
        "(CREATE ROLE <name> LOGIN PASSWORD '...' IN ROLE silo_ledger_finance)",
    );
  }
}

/** The database has no ledger schema (wrong database, or migrations not applied). */
export class LedgerNotMigratedError extends SiloError {
  constructor(cause: unknown) {
    super(
      "LEDGER_NOT_MIGRATED",
      "this database has no usage ledger tables (usage_events, ledger_tenants); point --database-url at the " +
        "ledger database, whose schema the ledger admin applies (runtime/core/ledger/ledgerMigrations.ts)",
      { cause },
    );
  }
}

/** `--tenant` names a tenant the ledger does not know. */
export class LedgerTenantUnknownError extends SiloError {
  constructor(tenantId: string) {
    super(
      "LEDGER_TENANT_UNKNOWN",
      `the usage ledger has no tenant ${tenantId}; run without --tenant to see every tenant, or check the id`,
    );
  }
}

/** A Cost and Usage Report file that cannot be reconciled as it is. */
export class CurFileError extends SiloError {
  constructor(source: string, problem: string, fix: string) {
    super("CUR_INVALID", `${source}: ${problem}; ${fix}`);
  }
}
