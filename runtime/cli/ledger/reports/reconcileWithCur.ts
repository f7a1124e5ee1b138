import type { SqlExecutor } from "../../../core/db/sqlDatabase.ts";
import { monthFromReport } from "../../../core/ledger/ledgerMonths.ts";
import type { CurBedrockLineItem } from "./readCurLineItems.ts";

/** How far the ledger and the bill may differ before reconciliation fails. */
export interface ReconciliationTolerance {
  /** Absolute difference, USD, as a decimal string. */
  readonly usd: string;
  /** Difference as a percentage of the CUR cost, as a decimal string. */
  readonly percent: string;
}

/** One tenant's Bedrock cost for the month, as the ledger and as AWS bill it. */
export interface TenantReconciliation {
  readonly tenantId: string;
  /** Provider cost of the tenant's settled Bedrock calls (`provider_cost_usd`, no markup), USD. */
  readonly ledgerUsd: string;
  /** Sum of the tenant's Bedrock usage line items (`line_item_unblended_cost`), rounded to 6 places. */
  readonly curUsd: string;
  readonly curLineItems: number;
  /** CUR minus ledger: positive when AWS billed more than the ledger metered. */
  readonly differenceUsd: string;
  /** The difference as a percentage of the CUR cost, 2 places; null when the CUR cost is 0. */
  readonly differencePercent: string | null;
  /** The difference exceeds BOTH tolerances (with no CUR cost, any difference over the USD tolerance). */
  readonly exceedsTolerance: boolean;
  /** The tenant's Bedrock entries flagged `needs_reconciliation` this month. */
  readonly flaggedEntries: number;
}

/** A ledger entry the sweeper expired: its process died between reserve and settle. */
export interface FlaggedEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly requestId: string;
  readonly modelKey: string;
  readonly providerModelId: string;
  /** `expired` (never settled: the call's cost is unknown to the ledger) or `settled` (a late settle). */
  readonly status: string;
  readonly estimatedCostUsd: string;
  /** Provider cost when a late settle completed it, else null. */
  readonly providerCostUsd: string | null;
  readonly reservedAt: string;
}

/** The outcome of {@link reconcileWithCur}. */
export interface Reconciliation {
  readonly month: string;
  readonly tolerance: ReconciliationTolerance;
  /** Every tenant with Bedrock entries in the ledger or Bedrock cost in the CUR, by id. */
  readonly tenants: readonly TenantReconciliation[];
  /** Bedrock usage with no `silo:tenant` tag: calls that did not go through a tenant's inference profile. */
  readonly unattributed: {
    readonly costUsd: string;
    readonly lineItems: number;
    /** Over the USD tolerance. */
    readonly exceedsTolerance: boolean;
  };
  readonly flaggedEntries: readonly FlaggedEntry[];
  /** No tenant exceeds the tolerances and the unattributed cost is within the USD tolerance. */
  readonly ok: boolean;
}

/**
 * Compares each tenant's Bedrock provider cost in the usage ledger for a month with the Bedrock usage the
 * AWS Cost and Usage Report bills to the tenant's tag, entirely in Postgres `numeric`: the CUR amounts go in
 * as their exact strings. Only `bedrock` entries count on the ledger side (the CUR knows nothing of other
 * providers), and only settled ones have a cost; expired entries are listed, since they are where the two
 * sides may legitimately differ. Read with the finance role ({@link withFinanceLedger}).
 *
 * @example
 * const result = await reconcileWithCur(db, { month: "2026-11", lineItems, tolerance: { usd: "0.01", percent: "1" } });
 */
export async function reconcileWithCur(
  db: SqlExecutor,
  input: {
    readonly month: string;
    readonly lineItems: readonly CurBedrockLineItem[];
    readonly tolerance: ReconciliationTolerance;
  },
): Promise<Reconciliation> {
  const month = monthFromReport(input.month);
  const attributed = input.lineItems.filter((item) => item.tenantId !== null);
  const untagged = input.lineItems.filter((item) => item.tenantId === null);

  const tenants = await db.query<{
    tenant_id: string;
    ledger_usd: string;
    cur_usd: string;
    cur_line_items: number;
    difference_usd: string;
    difference_percent: string | null;
    exceeds: boolean;
    flagged: number;
  }>(
    `WITH cur AS (
       SELECT tenant_id, sum(cost::numeric)::numeric(18, 6) AS cur_usd, count(*)::int AS line_items
       FROM unnest($2::text[], $3::text[]) AS item(tenant_id, cost) GROUP BY tenant_id
     ), ledger AS (
       SELECT tenant_id,
         coalesce(sum(provider_cost_usd) FILTER (WHERE status = 'settled'), 0)::numeric(18, 6) AS ledger_usd,
         count(*) FILTER (WHERE needs_reconciliation)::int AS flagged
       FROM usage_events WHERE month = $1::date AND provider = 'bedrock' GROUP BY tenant_id
     ), compared AS (
       SELECT tenant_id, coalesce(ledger.ledger_usd, 0) AS ledger_usd, coalesce(cur.cur_usd, 0) AS cur_usd,
         coalesce(cur.line_items, 0) AS cur_line_items, coalesce(ledger.flagged, 0) AS flagged,
         coalesce(cur.cur_usd, 0) - coalesce(ledger.ledger_usd, 0) AS difference
       FROM ledger FULL JOIN cur USING (tenant_id)
     )
     SELECT tenant_id, ledger_usd::numeric(18, 6)::text AS ledger_usd, cur_usd::numeric(18, 6)::text AS cur_usd,
       cur_line_items, flagged, difference::numeric(18, 6)::text AS difference_usd,
       CASE WHEN cur_usd <> 0 THEN round(difference / cur_usd * 100, 2)::text END AS difference_percent,
       abs(difference) > $4::numeric
         AND (cur_usd = 0 OR abs(difference) / abs(cur_usd) * 100 > $5::numeric) AS exceeds
     FROM compared ORDER BY tenant_id`,
    [
      month,
      attributed.map((item) => item.tenantId),
      attributed.map((item) => item.costUsd),
      input.tolerance.usd,
      input.tolerance.percent,
    ],
  );

  const unattributed = await db.query<{ cost_usd: string; exceeds: boolean }>(
    `SELECT coalesce(sum(cost::numeric), 0)::numeric(18, 6)::text AS cost_usd,
       abs(coalesce(sum(cost::numeric), 0)) > $2::numeric AS exceeds
     FROM unnest($1::text[]) AS item(cost)`,
    [untagged.map((item) => item.costUsd), input.tolerance.usd],
  );

  const flagged = await db.query<{
    id: string;
    tenant_id: string;
    request_id: string;
    model_key: string;
    provider_model_id: string;
    status: string;
    estimated_cost_usd: string;
    provider_cost_usd: string | null;
    reserved_at: Date;
  }>(
    `SELECT id, tenant_id, request_id, model_key, provider_model_id, status, estimated_cost_usd::text,
       provider_cost_usd::text, reserved_at
     FROM usage_events WHERE month = $1::date AND provider = 'bedrock' AND needs_reconciliation
     ORDER BY tenant_id, reserved_at, id`,
    [month],
  );

  const tenantRows: TenantReconciliation[] = tenants.rows.map((row) => ({
    tenantId: row.tenant_id,
    ledgerUsd: row.ledger_usd,
    curUsd: row.cur_usd,
    curLineItems: row.cur_line_items,
    differenceUsd: row.difference_usd,
    differencePercent: row.difference_percent,
    exceedsTolerance: row.exceeds,
    flaggedEntries: row.flagged,
  }));
  const unattributedRow = unattributed.rows[0] ?? { cost_usd: "0.000000", exceeds: false };
  return {
    month: input.month,
    tolerance: input.tolerance,
    tenants: tenantRows,
    unattributed: {
      costUsd: unattributedRow.cost_usd,
      lineItems: untagged.length,
      exceedsTolerance: unattributedRow.exceeds,
    },
    flaggedEntries: flagged.rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      requestId: row.request_id,
      modelKey: row.model_key,
      providerModelId: row.provider_model_id,
      status: row.status,
      estimatedCostUsd: row.estimated_cost_usd,
      providerCostUsd: row.provider_cost_usd,
      reservedAt: row.reserved_at.toISOString(),
    })),
    ok: !unattributedRow.exceeds && tenantRows.every((tenant) => !tenant.exceedsTolerance),
  };
}
