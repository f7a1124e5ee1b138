import type { SqlExecutor } from "./sqlDatabase.ts";

/**
 * Creates a login role with `password`, or sets the password of the role that exists and restores its
 * `LOGIN` (a role disabled with `NOLOGIN`, say at offboarding, can log in again): idempotent. The role
 * gets no superuser, database-creation, role-creation or RLS-bypass rights. DDL takes no bind parameters,
 * so `format()` quotes the name and the password on the server.
 *
 * @example
 * await ensureLoginRole(admin, "silo_tenant_acme", password);
 */
export async function ensureLoginRole(admin: SqlExecutor, role: string, password: string): Promise<void> {
  const exists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  const statement = await admin.query<{ sql: string }>(
    `SELECT format('${exists.rowCount ? "ALTER" : "CREATE"} ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', $1::text, $2::text) AS sql`,
    [role, password],
  );
  await admin.query(statement.rows[0]?.sql ?? "");
}
