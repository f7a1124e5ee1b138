import { v7 as uuidv7 } from "uuid";
import { priceFor } from "../pricing/priceFor.ts";
import type { SqlDatabase, SqlExecutor } from "../tenantDb/sqlDatabase.ts";
import { BudgetExceededError, LedgerEntryNotFoundError, LedgerUnavailableError } from "./ledgerErrors.ts";
import { monthOf, nextMonthStart } from "./ledgerMonths.ts";

/** A model call about to be made. */
export interface ReserveInput {
  /** Ledger entry id; a retry with the same id reserves nothing new. @default a new UUIDv7 */
  readonly id?: string;
  readonly requestId: string;
  readonly operationId: string;
  readonly modelKey: string;
  readonly provider: "bedrock" | "openai-compatible" | "echo";
  readonly providerModelId: string;
  /** A deliberately high estimate of the prompt's tokens. */
  readonly estimatedInputTokens: number;
  /** The most tokens the model may generate (`max_tokens`). */
  readonly maxOutputTokens: number;
}

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

const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01",
  "57P03",
  "08006",
  "08001",
  "08004",
]);

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
      return guard(() =>
        db.transaction(async (client) => {
          const inserted = await client.query<{ estimated_cost_usd: string }>(
            `INSERT INTO usage_events (id, tenant_id, month, request_id, operation_id, model_key, provider, provider_model_id,
               status, estimated_cost_usd, input_price_per_1k, output_price_per_1k, cache_read_price_per_1k,
               cache_write_price_per_1k, markup_percent, expires_at)
             SELECT $1, t.tenant_id, $3::date, $4, $5, $6, $7, $8, 'reserved',
               round(($9::numeric * $11::numeric + $10::numeric * $12::numeric) / 1000 * (1 + t.markup_percent / 100), 6),
               $11, $12, $13, $14, t.markup_percent, $15::timestamptz
             FROM ledger_tenants t WHERE t.tenant_id = $2
             ON CONFLICT (id) DO NOTHING
             RETURNING estimated_cost_usd::text`,
            [
              id,
              tenantId,
              month,
              input.requestId,
              input.operationId,
              input.modelKey,
              input.provider,
              input.providerModelId,
              input.estimatedInputTokens,
              input.maxOutputTokens,
              price.inputPer1k,
              price.outputPer1k,
              price.cacheReadPer1k,
              price.cacheWritePer1k,
              new Date(at.getTime() + ttlSeconds * 1000).toISOString(),
            ],
          );
          const estimate = inserted.rows[0]?.estimated_cost_usd;
          if (estimate === undefined) return { id, estimatedCostUsd: await existingEstimate(client, id) };
          await client.query(
            "INSERT INTO budget_months (tenant_id, month) VALUES ($1, $2::date) ON CONFLICT DO NOTHING",
            [tenantId, month],
          );
          const held = await client.query(
            `UPDATE budget_months b SET reserved_usd = b.reserved_usd + $3::numeric
             FROM ledger_tenants t
             WHERE b.tenant_id = $1 AND b.month = $2::date AND t.tenant_id = b.tenant_id
               AND b.reserved_usd + b.settled_usd + $3::numeric <= t.monthly_budget_usd`,
            [tenantId, month, estimate],
          );
          if (held.rowCount === 0) {
            const budget = await readBudget(client, month);
            throw new BudgetExceededError({
              tenantId,
              month: month.slice(0, 7),
              spentUsd: budget.spentUsd,
              limitUsd: budget.limitUsd,
              estimateUsd: estimate,
              resetsAt: nextMonthStart(at),
              now: at,
            });
          }
          return { id, estimatedCostUsd: estimate };
        }),
      );
    },

    async settle(id: string, usage: ReportedUsage): Promise<{ costUsd: string; providerCostUsd: string }> {
      return guard(() =>
        db.transaction(async (client) => {
          const settled = await client.query<{
            month: string;
            previous: string;
            estimated_cost_usd: string;
            cost_usd: string;
            provider_cost_usd: string;
          }>(
            `WITH previous AS (SELECT id, status FROM usage_events WHERE id = $1 FOR UPDATE)
             UPDATE usage_events e SET status = 'settled', settled_at = now(),
               input_tokens = $2::integer, output_tokens = $3::integer,
               cache_read_tokens = $4::integer, cache_write_tokens = $5::integer,
               provider_cost_usd = round(($2::integer * input_price_per_1k + $3::integer * output_price_per_1k
                 + $4::integer * cache_read_price_per_1k + $5::integer * cache_write_price_per_1k) / 1000, 6),
               cost_usd = round(($2::integer * input_price_per_1k + $3::integer * output_price_per_1k
                 + $4::integer * cache_read_price_per_1k + $5::integer * cache_write_price_per_1k) / 1000
                 * (1 + markup_percent / 100), 6)
             FROM previous WHERE e.id = previous.id AND previous.status IN ('reserved', 'expired')
             RETURNING to_char(e.month, 'YYYY-MM-DD') AS month, previous.status AS previous,
               e.estimated_cost_usd::text, e.cost_usd::text, e.provider_cost_usd::text`,
            [id, usage.inputTokens, usage.outputTokens, usage.cacheReadTokens, usage.cacheWriteTokens],
          );
          const row = settled.rows[0];
          if (row === undefined) return existingSettlement(client, id);
          await client.query(
            `UPDATE budget_months SET
               reserved_usd = reserved_usd - CASE WHEN $3 = 'reserved' THEN $4::numeric ELSE 0 END,
               settled_usd = settled_usd + $5::numeric
             WHERE tenant_id = $1 AND month = $2::date`,
            [tenantId, row.month, row.previous, row.estimated_cost_usd, row.cost_usd],
          );
          return { costUsd: row.cost_usd, providerCostUsd: row.provider_cost_usd };
        }),
      );
    },

    async release(id: string, reason: string): Promise<void> {
      await guard(() =>
        db.transaction(async (client) => {
          const released = await client.query<{ month: string; estimated_cost_usd: string }>(
            `UPDATE usage_events SET status = 'released', release_reason = $2
             WHERE id = $1 AND status = 'reserved'
             RETURNING to_char(month, 'YYYY-MM-DD') AS month, estimated_cost_usd::text`,
            [id, reason.slice(0, 200)],
          );
          const row = released.rows[0];
          if (row === undefined) return;
          await client.query(
            "UPDATE budget_months SET reserved_usd = reserved_usd - $3::numeric WHERE tenant_id = $1 AND month = $2::date",
            [tenantId, row.month, row.estimated_cost_usd],
          );
        }),
      );
    },

    /** The month's budget, spend (settled + reserved) and reset time. */
    async budget(month: string = monthOf(now())) {
      const budget = await guard(() => readBudget(db, month));
      return {
        ...budget,
        month: month.slice(0, 7),
        resetsAt: nextMonthStart(new Date(`${month}T00:00:00Z`)),
      };
    },

    async setBudget(monthlyBudgetUsd: string, alertThresholdPercent: number): Promise<void> {
      await guard(() =>
        db.query(
          `UPDATE ledger_tenants SET monthly_budget_usd = $2::numeric, alert_threshold_percent = $3, updated_at = now()
           WHERE tenant_id = $1`,
          [tenantId, monthlyBudgetUsd, alertThresholdPercent],
        ),
      );
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
               (coalesce(b.reserved_usd, 0) + coalesce(b.settled_usd, 0))::numeric(18, 6) AS spent
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

async function existingEstimate(client: SqlExecutor, id: string): Promise<string> {
  const { rows } = await client.query<{ estimated_cost_usd: string }>(
    "SELECT estimated_cost_usd::text FROM usage_events WHERE id = $1",
    [id],
  );
  if (rows[0] === undefined) throw new LedgerEntryNotFoundError(id);
  return rows[0].estimated_cost_usd;
}

async function existingSettlement(client: SqlExecutor, id: string) {
  const { rows } = await client.query<{
    status: string;
    cost_usd: string | null;
    provider_cost_usd: string | null;
  }>("SELECT status, cost_usd::text, provider_cost_usd::text FROM usage_events WHERE id = $1", [id]);
  const row = rows[0];
  if (
    row === undefined ||
    row.status !== "settled" ||
    row.cost_usd === null ||
    row.provider_cost_usd === null
  ) {
    throw new LedgerEntryNotFoundError(id);
  }
  return { costUsd: row.cost_usd, providerCostUsd: row.provider_cost_usd };
}

/** Connection-level failures become LEDGER_UNAVAILABLE; everything else (budget, not found) passes. */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (
      connectionErrorCodes.has(code) ||
      /Connection terminated|connect ECONNREFUSED|timeout/i.test((error as Error).message ?? "")
    ) {
      throw new LedgerUnavailableError(error);
    }
    throw error;
  }
}
