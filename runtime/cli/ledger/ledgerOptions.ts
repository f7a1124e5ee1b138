import { InvalidArgumentError } from "commander";
import { tenantIdPattern, tenantIdRule } from "../../../tenants/tenantId.ts";
import { defaultDataDir } from "../../local/defaultDataDir.ts";
import { ledgerDatabaseUrlVariable } from "./reports/ledgerReportErrors.ts";

/** The formats `silo ledger report` writes. */
export const ledgerReportFormats = ["table", "csv", "json", "html"] as const;

/** The formats `silo ledger reconcile` writes. */
export const ledgerReconcileFormats = ["table", "json"] as const;

/** `--month YYYY-MM`: a UTC calendar month. */
export function parseMonthOption(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const month = Number(match?.[2]);
  if (match === null || month < 1 || month > 12) {
    throw new InvalidArgumentError(`"${value}" is not a month; use YYYY-MM, e.g. 2026-11`);
  }
  return value;
}

/** `--tenant ID`: a well-formed tenant id. */
export function parseTenantOption(value: string): string {
  if (!tenantIdPattern.test(value))
    throw new InvalidArgumentError(`"${value}" is not a tenant id (${tenantIdRule})`);
  return value;
}

/** A non-negative decimal amount, kept as a string so it reaches Postgres `numeric` exactly. */
export function parseDecimalOption(value: string): string {
  if (!/^\d+(?:\.\d+)?$/.test(value)) {
    throw new InvalidArgumentError(`"${value}" is not a non-negative decimal number, e.g. 0.01`);
  }
  return value;
}

/** The option every ledger command takes to reach the ledger as a finance role. */
export const databaseUrlOption = [
  "--database-url <url>",
  `ledger connection string for a login role in silo_ledger_finance (default: $${ledgerDatabaseUrlVariable})`,
] as const;

/** The option naming the local platform whose ledger the commands read when no URL is given. */
export const localDataDirOption = [
  "--data-dir <dir>",
  `the local platform's data directory (SILO_DATA_DIR), read when neither --database-url nor $${ledgerDatabaseUrlVariable} is set`,
  defaultDataDir(),
] as const;
