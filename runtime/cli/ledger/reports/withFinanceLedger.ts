import pg from "pg";
import type { SqlExecutor } from "../../../core/db/sqlDatabase.ts";
import { LedgerConnectionError, LedgerNotMigratedError, NotFinanceRoleError } from "./ledgerReportErrors.ts";

/**
 * Runs `work` against the usage ledger as a finance reader: one connection, checked to belong to
 * silo_ledger_finance (or to be a superuser, as on the local platform), inside a READ ONLY, REPEATABLE READ
 * transaction so every query of one report sees the same snapshot even while tenants keep writing.
 *
 * @example
 * const report = await withFinanceLedger(url, (db) => readFinanceReport(db, { month: "2026-11" }));
 */
export async function withFinanceLedger<T>(
  databaseUrl: string,
  work: (db: SqlExecutor) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 10_000,
    application_name: "silo ledger",
  });
  // pg reports a dropped connection through this event; without a listener it would crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new LedgerConnectionError(describeTarget(databaseUrl), error);
  }
  try {
    const role = await client.query<{ role: string; finance: boolean }>(
      `SELECT session_user AS role,
         coalesce((SELECT pg_has_role(session_user, oid, 'USAGE') FROM pg_roles WHERE rolname = 'silo_ledger_finance'), false)
           AS finance`,
    );
    const row = role.rows[0];
    if (row === undefined || !row.finance) throw new NotFinanceRoleError(row?.role ?? "an unknown role");
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const result = await work(client as unknown as SqlExecutor);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if ((error as { code?: string }).code === "42P01") throw new LedgerNotMigratedError(error);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `user@host:port/database`, never the password, for error messages. */
function describeTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
    return `${user}${url.host}${url.pathname}`;
  } catch {
    return "(a connection string that is not a URL)";
  }
}
