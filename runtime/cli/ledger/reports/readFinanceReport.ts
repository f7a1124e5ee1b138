import type { SqlExecutor } from "../../../core/db/sqlDatabase.ts";
import { monthFromReport } from "../../../core/ledger/ledgerMonths.ts";
import type { DailyCost, FinanceReport, UsageCounts } from "./financeReport.ts";
import { LedgerTenantUnknownError } from "./ledgerReportErrors.ts";

/** What {@link readFinanceReport} reports on. */
export interface FinanceReportQuery {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Only this tenant. @default every tenant */
  readonly tenantId?: string;
}

interface UsageRow {
  settled_requests: string;
  input_tokens: string;
  output_tokens: string;
  cache_read_tokens: string;
  cache_write_tokens: string;
  provider_cost_usd: string;
  billed_cost_usd: string;
  reserved: string;
  released: string;
  expired: string;
  needs_reconciliation: string;
}

// Every aggregate filters on the entry's status, so a LEFT JOIN that found no entries counts nothing.
const usageColumns = `
  count(*) FILTER (WHERE e.status = 'settled') AS settled_requests,
  coalesce(sum(e.input_tokens) FILTER (WHERE e.status = 'settled'), 0) AS input_tokens,
  coalesce(sum(e.output_tokens) FILTER (WHERE e.status = 'settled'), 0) AS output_tokens,
  coalesce(sum(e.cache_read_tokens) FILTER (WHERE e.status = 'settled'), 0) AS cache_read_tokens,
  coalesce(sum(e.cache_write_tokens) FILTER (WHERE e.status = 'settled'), 0) AS cache_write_tokens,
  coalesce(sum(e.provider_cost_usd) FILTER (WHERE e.status = 'settled'), 0)::numeric(18, 6)::text AS provider_cost_usd,
  coalesce(sum(e.cost_usd) FILTER (WHERE e.status = 'settled'), 0)::numeric(18, 6)::text AS billed_cost_usd,
  count(*) FILTER (WHERE e.status = 'reserved') AS reserved,
  count(*) FILTER (WHERE e.status = 'released') AS released,
  count(*) FILTER (WHERE e.status = 'expired') AS expired,
  count(*) FILTER (WHERE e.needs_reconciliation) AS needs_reconciliation`;

/** Entries of the month ($1, a `YYYY-MM-01` date), of one tenant when $2 is not null. */
const monthEntries = "e.month = $1::date AND ($2::text IS NULL OR e.tenant_id = $2)";

/** The last day of the month $1. */
const lastDay = "($1::date + interval '1 month' - interval '1 day')::date";

/**
 * Reads the month-end finance report from the usage ledger, as the finance role (which reads every tenant's
 * rows; see {@link withFinanceLedger}). Every amount is summed and rounded in Postgres `numeric`, never in
 * JavaScript numbers. Run all the queries in one snapshot (a REPEATABLE READ transaction) so the sections
 * agree with each other.
 *
 * @example
 * const report = await readFinanceReport(db, { month: "2026-11", tenantId: "acme-health" });
 */
export async function readFinanceReport(db: SqlExecutor, query: FinanceReportQuery): Promise<FinanceReport> {
  const parameters = [monthFromReport(query.month), query.tenantId ?? null];

  const tenants = await db.query<
    UsageRow & {
      tenant_id: string;
      monthly_budget_usd: string;
      alert_threshold_percent: number;
      settled_usd: string;
      reserved_usd: string;
      spent_usd: string;
      burn_percent: string | null;
      alert: boolean;
      over_budget: boolean;
    }
  >(
    `SELECT budget.tenant_id, ${usageColumns}, monthly_budget_usd, alert_threshold_percent,
       settled_usd::text, reserved_usd::text, spent::text AS spent_usd,
       CASE WHEN limit_usd > 0 THEN round(spent / limit_usd * 100, 2)::text END AS burn_percent,
       spent > 0 AND spent >= limit_usd * alert_threshold_percent / 100 AS alert,
       spent > 0 AND spent >= limit_usd AS over_budget
     FROM (
       SELECT t.tenant_id, t.monthly_budget_usd AS limit_usd, t.monthly_budget_usd::text AS monthly_budget_usd,
         t.alert_threshold_percent, coalesce(b.settled_usd, 0)::numeric(18, 6) AS settled_usd,
         -- Budget leased to running processes and not yet drawn is not spend (ledger migration 5).
         (coalesce(b.reserved_usd, 0) - silo_leased_usd(t.tenant_id, $1::date))::numeric(18, 6) AS reserved_usd,
         (coalesce(b.settled_usd, 0) + coalesce(b.reserved_usd, 0)
           - silo_leased_usd(t.tenant_id, $1::date))::numeric(18, 6) AS spent
       FROM ledger_tenants t LEFT JOIN budget_months b ON b.tenant_id = t.tenant_id AND b.month = $1::date
       WHERE $2::text IS NULL OR t.tenant_id = $2
     ) budget
     LEFT JOIN usage_events e ON e.tenant_id = budget.tenant_id AND e.month = $1::date
     GROUP BY budget.tenant_id, limit_usd, monthly_budget_usd, alert_threshold_percent, settled_usd, reserved_usd, spent
     ORDER BY budget.tenant_id`,
    parameters,
  );
  if (query.tenantId !== undefined && tenants.rows.length === 0) {
    throw new LedgerTenantUnknownError(query.tenantId);
  }

  const rows = await db.query<
    UsageRow & { tenant_id: string; model_key: string; provider: string; provider_model_id: string }
  >(
    `SELECT e.tenant_id, e.model_key, e.provider, e.provider_model_id, ${usageColumns}
     FROM usage_events e WHERE ${monthEntries}
     GROUP BY e.tenant_id, e.model_key, e.provider, e.provider_model_id
     ORDER BY e.tenant_id, e.model_key, e.provider, e.provider_model_id`,
    parameters,
  );

  const models = await db.query<
    Pick<UsageRow, "settled_requests" | "provider_cost_usd" | "billed_cost_usd"> & {
      provider: string;
      provider_model_id: string;
    }
  >(
    `SELECT e.provider, e.provider_model_id, ${usageColumns}
     FROM usage_events e WHERE ${monthEntries}
     GROUP BY e.provider, e.provider_model_id
     ORDER BY coalesce(sum(e.cost_usd) FILTER (WHERE e.status = 'settled'), 0) DESC, e.provider, e.provider_model_id`,
    parameters,
  );

  const totals = await db.query<UsageRow>(
    `SELECT ${usageColumns} FROM usage_events e WHERE ${monthEntries}`,
    parameters,
  );

  // A call belongs to the month it was reserved in; its day is clamped into that month, so the days always
  // add up to the month even if the database clock and the caller's clock disagree at midnight.
  const daily = await db.query<{
    day: string;
    tenant_id: string;
    provider_cost_usd: string;
    billed_cost_usd: string;
  }>(
    `WITH costs AS (
       SELECT e.tenant_id, greatest($1::date, least(${lastDay}, (e.reserved_at AT TIME ZONE 'UTC')::date)) AS day,
         sum(e.provider_cost_usd) AS provider_cost_usd, sum(e.cost_usd) AS billed_cost_usd
       FROM usage_events e WHERE ${monthEntries} AND e.status = 'settled'
       GROUP BY 1, 2
     )
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, t.tenant_id,
       coalesce(c.provider_cost_usd, 0)::numeric(18, 6)::text AS provider_cost_usd,
       coalesce(c.billed_cost_usd, 0)::numeric(18, 6)::text AS billed_cost_usd
     FROM generate_series($1::date, ${lastDay}, interval '1 day') AS d(day)
     CROSS JOIN (SELECT tenant_id FROM ledger_tenants WHERE $2::text IS NULL OR tenant_id = $2) t
     LEFT JOIN costs c ON c.day = d.day::date AND c.tenant_id = t.tenant_id
     ORDER BY d.day, t.tenant_id`,
    parameters,
  );

  return {
    month: query.month,
    tenantId: query.tenantId ?? null,
    currency: "USD",
    rows: rows.rows.map((row) => ({
      tenantId: row.tenant_id,
      modelKey: row.model_key,
      provider: row.provider,
      providerModelId: row.provider_model_id,
      ...toUsageCounts(row),
    })),
    tenants: tenants.rows.map((row) => ({
      tenantId: row.tenant_id,
      ...toUsageCounts(row),
      budget: {
        monthlyBudgetUsd: row.monthly_budget_usd,
        alertThresholdPercent: row.alert_threshold_percent,
        settledUsd: row.settled_usd,
        reservedUsd: row.reserved_usd,
        spentUsd: row.spent_usd,
        burnPercent: row.burn_percent,
        alert: row.alert,
        overBudget: row.over_budget,
      },
    })),
    models: models.rows.map((row) => ({
      provider: row.provider,
      providerModelId: row.provider_model_id,
      settledRequests: Number(row.settled_requests),
      providerCostUsd: row.provider_cost_usd,
      billedCostUsd: row.billed_cost_usd,
    })),
    daily: groupDays(daily.rows),
    totals: toUsageCounts(totals.rows[0]),
  };
}

function toUsageCounts(row: UsageRow | undefined): UsageCounts {
  return {
    settledRequests: Number(row?.settled_requests ?? 0),
    inputTokens: Number(row?.input_tokens ?? 0),
    outputTokens: Number(row?.output_tokens ?? 0),
    cacheReadTokens: Number(row?.cache_read_tokens ?? 0),
    cacheWriteTokens: Number(row?.cache_write_tokens ?? 0),
    providerCostUsd: row?.provider_cost_usd ?? "0.000000",
    billedCostUsd: row?.billed_cost_usd ?? "0.000000",
    reserved: Number(row?.reserved ?? 0),
    released: Number(row?.released ?? 0),
    expired: Number(row?.expired ?? 0),
    needsReconciliation: Number(row?.needs_reconciliation ?? 0),
  };
}

function groupDays(
  rows: ReadonlyArray<{ day: string; tenant_id: string; provider_cost_usd: string; billed_cost_usd: string }>,
): DailyCost[] {
  const days = new Map<string, DailyCost["tenants"][number][]>();
  for (const row of rows) {
    const tenants = days.get(row.day) ?? [];
    tenants.push({
      tenantId: row.tenant_id,
      providerCostUsd: row.provider_cost_usd,
      billedCostUsd: row.billed_cost_usd,
    });
    days.set(row.day, tenants);
  }
  return [...days].map(([date, tenants]) => ({ date, tenants }));
}
