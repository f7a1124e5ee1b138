import { tenantLedgerRoleName } from "../core/ledger/provisionTenantLedgerRole.ts";
import { parseDatabaseSecret } from "../core/secrets/parseDatabaseSecret.ts";
import type { LedgerAdminDeps } from "./ledgerAdminDeps.ts";
import type { LedgerDisableRequest } from "./ledgerAdminEvent.ts";

/** What disabling a tenant did. */
export interface LedgerDisableReport {
  readonly tenantId: string;
  readonly roleName: string;
  /** False when the tenant never had a ledger role (it was never enrolled): nothing to disable. */
  readonly roleFound: boolean;
  /** Sessions of the role that were open and are now terminated. */
  readonly sessionsEnded: number;
}

/** How long to wait for each terminated session to exit, so none is left when the destroy moves on. */
const terminateTimeoutMs = 5000;

/**
 * Takes an offboarded tenant out of the usage ledger without losing anything: its ledger role can no longer
 * log in (`NOLOGIN`) and its open sessions are terminated, while its rows, its budget and its role mapping
 * stay, so finance still reports on them. Run when the tenant stack is destroyed. Idempotent: a role that is
 * missing or already disabled is fine. Enrolling the tenant again (enrollTenantInLedger.ts) restores `LOGIN`.
 *
 * @example
 * const { sessionsEnded } = await disableTenantInLedger(deps, { action: "disable", tenantId: "acme" });
 */
export async function disableTenantInLedger(
  deps: LedgerAdminDeps,
  request: LedgerDisableRequest,
): Promise<LedgerDisableReport> {
  const master = parseDatabaseSecret(await deps.secrets.getSecret(deps.masterSecretId), deps.masterSecretId);
  const roleName = tenantLedgerRoleName(request.tenantId);
  const session = await deps.connect(master);
  try {
    const found = await session.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [roleName]);
    if (!found.rowCount) return { tenantId: request.tenantId, roleName, roleFound: false, sessionsEnded: 0 };
    // DDL takes no bind parameters: format() quotes the name on the server.
    const statement = await session.query<{ sql: string }>(
      "SELECT format('ALTER ROLE %I NOLOGIN', $1::text) AS sql",
      [roleName],
    );
    await session.query(statement.rows[0]?.sql ?? "");
    // After NOLOGIN, so a session ended here cannot be replaced by a new login.
    const ended = await session.query<{ ended: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, $2))::int AS ended
       FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`,
      [roleName, terminateTimeoutMs],
    );
    return {
      tenantId: request.tenantId,
      roleName,
      roleFound: true,
      sessionsEnded: ended.rows[0]?.ended ?? 0,
    };
  } finally {
    await session.end();
  }
}
