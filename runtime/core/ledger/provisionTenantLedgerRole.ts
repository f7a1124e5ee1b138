import { ensureLoginRole } from "../db/ensureLoginRole.ts";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { SiloError } from "../errors/siloError.ts";

/** What a tenant's ledger access is provisioned from. */
export interface TenantLedgerProvision {
  readonly tenantId: string;
  /** The tenant role's password (in AWS: from the tenant's ledger secret). */
  readonly password: string;
  /**
   * The tenant file's `limits.monthlyBudgetUsd`: the ceiling the tenant's own budget may not exceed, and the
   * initial budget. A budget the tenant chose through the API is kept, lowered to a lowered ceiling.
   */
  readonly monthlyBudgetUsd: number | string;
  /** @default 0 */
  readonly markupPercent?: number | string;
  /**
   * Role names are `<prefix><tenant id with - as _>`. Roles are cluster-wide, so tests that share one
   * Postgres server use a prefix per ledger database.
   * @default "silo_ledger_t_"
   */
  readonly rolePrefix?: string;
}

/** The database role of a tenant in the ledger. */
export function tenantLedgerRoleName(tenantId: string, rolePrefix = "silo_ledger_t_"): string {
  return `${rolePrefix}${tenantId.replaceAll("-", "_")}`;
}

/**
 * Gives a tenant its own login role in the usage ledger, idempotently: creates or updates the role and its
 * password (re-enabling `LOGIN` if the tenant's destroy disabled it), grants it the tenant group role and
 * CONNECT, maps it to the tenant for the row-level security policies, and registers the tenant's budget
 * ceiling, budget (kept if already registered, never above the ceiling) and markup. The one function both the ledger-admin Lambda (IaC) and the
 * local platform call. Run as the ledger admin.
 *
 * @example
 * await provisionTenantLedgerRole(admin, { tenantId: "acme", password, monthlyBudgetUsd: 100 });
 */
export async function provisionTenantLedgerRole(
  admin: SqlExecutor,
  provision: TenantLedgerProvision,
): Promise<{ roleName: string }> {
  const roleName = tenantLedgerRoleName(provision.tenantId, provision.rolePrefix);
  await ensureLoginRole(admin, roleName, provision.password);
  const grants = await admin.query<{ sql: string }>(
    "SELECT format('GRANT silo_ledger_tenant TO %I; GRANT CONNECT ON DATABASE %I TO %I', $1::text, current_database(), $1::text) AS sql",
    [roleName],
  );
  await admin.query(grants.rows[0]?.sql ?? "");
  const mapped = await admin.query<{ tenant_id: string }>(
    `INSERT INTO ledger_roles (role_name, tenant_id) VALUES ($1, $2)
     ON CONFLICT (role_name) DO UPDATE SET role_name = EXCLUDED.role_name RETURNING tenant_id`,
    [roleName, provision.tenantId],
  );
  if (mapped.rows[0]?.tenant_id !== provision.tenantId) {
    throw new SiloError(
      "LEDGER_ROLE_CONFLICT",
      `ledger role ${roleName} already acts for tenant ${mapped.rows[0]?.tenant_id}, not ${provision.tenantId}; choose another role prefix`,
    );
  }
  await admin.query(
    `INSERT INTO ledger_tenants (tenant_id, monthly_budget_usd, budget_ceiling_usd, markup_percent)
     VALUES ($1, $2::numeric, $2::numeric, $3::numeric)
     ON CONFLICT (tenant_id) DO UPDATE SET markup_percent = EXCLUDED.markup_percent,
       budget_ceiling_usd = EXCLUDED.budget_ceiling_usd,
       monthly_budget_usd = least(ledger_tenants.monthly_budget_usd, EXCLUDED.budget_ceiling_usd), updated_at = now()`,
    [provision.tenantId, String(provision.monthlyBudgetUsd), String(provision.markupPercent ?? 0)],
  );
  return { roleName };
}
