import { v7 as uuidv7 } from "uuid";
import type { SqlDatabase, SqlExecutor } from "../db/sqlDatabase.ts";
import { priceFor } from "../pricing/priceFor.ts";
import { callRowValues } from "./callRowValues.ts";
import { guardLedgerCall as guard } from "./guardLedgerCall.ts";
import { BudgetAboveCeilingError, BudgetExceededError, LedgerEntryNotFoundError } from "./ledgerErrors.ts";
import { monthOf, nextMonthStart } from "./ledgerMonths.ts";
import type { ReserveInput } from "./reserveInput.ts";

export type { ReserveInput } from "./reserveInput.ts";

/** Tokens the provider reported for a finished call. */
export interface ReportedUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
}

/** Options of {@link createUsageLedger}. */
export interface UsageLedgerOptions {
  readonly tenantId: string;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** How long a reservation may stay open before the sweeper expires it. @default 900 */
  readonly reservationTtlSeconds?: number;
}

/**
 * A tenant's view of the usage ledger, connected as the tenant's own ledger role (row-level security lets
 * it see and write only its own rows). Two-phase metering around every model call:
 * `reserve` (priced estimate, checked atomically against the month's budget: concurrent reservations queue
 * on the tenant-month row, so they can never overshoot) -> the call -> `settle` (provider-reported tokens,
 * exact `numeric` cost incl. the tenant's markup) or `release` (the call failed). Each step is idempotent
 * by entry id. Amounts are decimal strings, never floats.
 *
 * @example
 * const entry = await ledger.reserve({ requestId, operationId, modelKey, provider, providerModelId, estimatedInputTokens, maxOutputTokens });
 * const { costUsd } = await ledger.settle(entry.id, response.usage);
 */
export function createUsageLedger(db: SqlDatabase, options: UsageLedgerOptions) {
  const now = options.now ?? (() => new Date());
  const ttlSeconds = options.reservationTtlSeconds ?? 900;
  const { tenantId } = options;

  return {
    async reserve(input: ReserveInput): Promise<{ id: string; estimatedCostUsd: string }> {
      const at = now();
      const month = monthOf(at);
      const price = priceFor(input.provider, input.providerModelId, at);
      const id = input.id ?? uuidv7();
      try {
        const { rows } = await guard(() =>
          db.query<{ outcome: string; estimated_cost_usd: string }>(
            `SELECT outcome, estimated_cost_usd FROM silo_reserve($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10,
               $11::numeric, $12::numeric, $13::numeric, $14::numeric, $15::timestamptz)`,
            [id, tenantId, month, ...callRowValues(input, price, new Date(at.getTime() + ttlSeconds * 1000))],
            { prepare: "silo_ledger_reserve" },
          ),
        );
        return { id, estimatedCostUsd: rows[0]?.estimated_cost_usd ?? "0.000000" };
      } catch (error) {
        if ((error as { code?: string }).code !== "SL001") throw error;
        const detail = JSON.parse((error as { detail?: string }).detail ?? "{}") as Record<string, string>;
        throw new BudgetExceededError({
          tenantId,
          month: month.slice(0, 7),
          spentUsd: detail.spentUsd ?? "unknown",
          limitUsd: detail.limitUsd ?? "unknown",
          estimateUsd: detail.estimateUsd ?? "unknown",
          resetsAt: nextMonthStart(at),
          now: at,
        });
      }
    },

    async settle(id: string, usage: ReportedUsage): Promise<{ costUsd: string; providerCostUsd: string }> {
      const { rows } = await guard(() =>
        db.query<{ outcome: string; cost_usd: string | null; provider_cost_usd: string | null }>(
          "SELECT outcome, cost_usd, provider_cost_usd FROM silo_settle($1, $2, $3, $4, $5)",
          [id, usage.inputTokens, usage.outputTokens, usage.cacheReadTokens, usage.cacheWriteTokens],
          { prepare: "silo_ledger_settle" },
        ),
      );
      const row = rows[0];
      if (row?.outcome !== "settled" || row.cost_usd === null || row.provider_cost_usd === null) {
        throw new LedgerEntryNotFoundError(id);
      }
      return { costUsd: row.cost_usd, providerCostUsd: row.provider_cost_usd };
    },

    async release(id: string, reason: string): Promise<void> {
      await guard(() =>
        db.query("SELECT silo_release($1, $2)", [id, reason], { prepare: "silo_ledger_release" }),
      );
    },

    /** The month's budget, spend (settled + reserved for calls in flight) and reset time. */
    async budget(month: string = monthOf(now())) {
      const budget = await guard(() => readBudget(db, month));
      return {
        ...budget,
        month: month.slice(0, 7),
        resetsAt: nextMonthStart(new Date(`${month}T00:00:00Z`)),
      };
    },

    /**
     * Sets the tenant's own budget and alert threshold, within the operator's ceiling (the tenant file's
     * `limits.monthlyBudgetUsd`, registered at enrollment). The ledger refuses a budget above it too
     * (`budget_within_ceiling`), so the ceiling holds even for a caller that skips this method.
     */
    async setBudget(monthlyBudgetUsd: string, alertThresholdPercent: number): Promise<void> {
      const { rows } = await guard(() =>
        db.query<{ ceiling_usd: string; updated: boolean }>(
          `WITH changed AS (
             UPDATE ledger_tenants SET monthly_budget_usd = $2::numeric, alert_threshold_percent = $3, updated_at = now()
             WHERE tenant_id = $1 AND $2::numeric <= budget_ceiling_usd RETURNING tenant_id)
           SELECT budget_ceiling_usd::text AS ceiling_usd, EXISTS (SELECT 1 FROM changed) AS updated
           FROM ledger_tenants WHERE tenant_id = $1`,
          [tenantId, monthlyBudgetUsd, alertThresholdPercent],
        ),
      );
      const row = rows[0];
      if (row !== undefined && !row.updated) {
        throw new BudgetAboveCeilingError({
          tenantId,
          requestedUsd: monthlyBudgetUsd,
          ceilingUsd: row.ceiling_usd,
        });
      }
    },
  };

  async function readBudget(client: SqlExecutor, month: string) {
    const { rows } = await client.query<{
      limit_usd: string;
      spent_usd: string;
      remaining_usd: string;
      alert_threshold_percent: number;
    }>(
      `SELECT monthly_budget_usd::text AS limit_usd, spent::text AS spent_usd,
         greatest(monthly_budget_usd - spent, 0)::numeric(18, 6)::text AS remaining_usd, alert_threshold_percent
       FROM (SELECT t.monthly_budget_usd, t.alert_threshold_percent,
               (coalesce(b.reserved_usd, 0) + coalesce(b.settled_usd, 0)
                 - silo_leased_usd(t.tenant_id, $2::date))::numeric(18, 6) AS spent
             FROM ledger_tenants t LEFT JOIN budget_months b ON b.tenant_id = t.tenant_id AND b.month = $2::date
             WHERE t.tenant_id = $1) budget`,
      [tenantId, month],
    );
    const row = rows[0];
    if (row === undefined) throw new LedgerEntryNotFoundError(`tenant ${tenantId}`);
    return {
      limitUsd: row.limit_usd,
      spentUsd: row.spent_usd,
      remainingUsd: row.remaining_usd,
      alertThresholdPercent: row.alert_threshold_percent,
    };
  }
}

/** The usage ledger a tenant's chat handlers write through. */
export type UsageLedger = ReturnType<typeof createUsageLedger>;
