import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { decodeCursor, exactTimestamp, toPage } from "../pagination/keysetCursor.ts";
import { monthFromReport } from "./ledgerMonths.ts";

/** Settled calls, tokens and cost over a period, as the API reports them. */
export interface UsageTotals {
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly costUsd: string;
}

interface TotalsRow {
  requests: string;
  input_tokens: string;
  output_tokens: string;
  cache_read_tokens: string;
  cache_write_tokens: string;
  cost_usd: string;
}

const totalsColumns = `count(*) AS requests, coalesce(sum(input_tokens), 0) AS input_tokens,
  coalesce(sum(output_tokens), 0) AS output_tokens, coalesce(sum(cache_read_tokens), 0) AS cache_read_tokens,
  coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
  coalesce(sum(cost_usd), 0)::numeric(18, 6)::text AS cost_usd`;

function toTotals(row: TotalsRow | undefined): UsageTotals {
  return {
    requests: Number(row?.requests ?? 0),
    inputTokens: Number(row?.input_tokens ?? 0),
    outputTokens: Number(row?.output_tokens ?? 0),
    cacheReadTokens: Number(row?.cache_read_tokens ?? 0),
    cacheWriteTokens: Number(row?.cache_write_tokens ?? 0),
    costUsd: row?.cost_usd ?? "0.000000",
  };
}

/**
 * Reads of a tenant's usage, over its own ledger role (row-level security scopes every query to the
 * tenant, so none of these filter by tenant themselves). Only settled entries count towards totals.
 */
export const usageReports = {
  /** A month's totals (`YYYY-MM`), overall and per model key. */
  async summary(db: SqlExecutor, month: string) {
    const start = monthFromReport(month);
    const overall = await db.query<TotalsRow>(
      `SELECT ${totalsColumns} FROM usage_events WHERE month = $1::date AND status = 'settled'`,
      [start],
    );
    const byModel = await db.query<TotalsRow & { model_key: string }>(
      `SELECT model_key, ${totalsColumns} FROM usage_events WHERE month = $1::date AND status = 'settled'
       GROUP BY model_key ORDER BY model_key`,
      [start],
    );
    return {
      month,
      totals: toTotals(overall.rows[0]),
      byModel: byModel.rows.map((row) => ({ model: row.model_key, ...toTotals(row) })),
    };
  },

  /** A month's totals per UTC day, days without calls as zeros. */
  async daily(db: SqlExecutor, month: string) {
    const start = monthFromReport(month);
    const { rows } = await db.query<TotalsRow & { day: string }>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, ${totalsColumns.replaceAll("count(*)", "count(e.id)")}
       FROM generate_series($1::date, ($1::date + interval '1 month' - interval '1 day'), interval '1 day') AS d(day)
       LEFT JOIN usage_events e ON e.status = 'settled' AND e.month = $1::date
         AND (e.settled_at AT TIME ZONE 'UTC')::date = d.day::date
       GROUP BY d.day ORDER BY d.day`,
      [start],
    );
    return { month, days: rows.map((row) => ({ date: row.day, ...toTotals(row) })) };
  },

  /** Ledger entries, newest first, optionally of one month and one model. */
  async events(db: SqlExecutor, query: { limit: number; cursor?: string; month?: string; model?: string }) {
    const after = decodeCursor(query.cursor, "timestamp");
    const { rows } = await db.query<{
      id: string;
      request_id: string;
      operation_id: string;
      model_key: string;
      status: "reserved" | "settled" | "released" | "expired";
      input_tokens: number;
      output_tokens: number;
      cache_read_tokens: number;
      cache_write_tokens: number;
      cost: string;
      reserved_at: Date;
      settled_at: Date | null;
      sort_key: string;
    }>(
      `SELECT id, request_id, operation_id, model_key, status, input_tokens, output_tokens, cache_read_tokens,
         cache_write_tokens, coalesce(cost_usd, estimated_cost_usd)::numeric(18, 6)::text AS cost, reserved_at, settled_at,
         ${exactTimestamp("reserved_at")} AS sort_key
       FROM usage_events
       WHERE ($2::date IS NULL OR month = $2::date) AND ($3::text IS NULL OR model_key = $3)
         AND ($4::timestamptz IS NULL OR (reserved_at, id) < ($4::timestamptz, $5::uuid))
       ORDER BY reserved_at DESC, id DESC LIMIT $1`,
      [
        query.limit + 1,
        query.month ? monthFromReport(query.month) : null,
        query.model ?? null,
        after?.sortValue ?? null,
        after?.id ?? null,
      ],
    );
    return toPage(
      rows,
      query.limit,
      (row) => ({
        id: row.id,
        requestId: row.request_id,
        operationId: row.operation_id,
        model: row.model_key,
        status: row.status,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cacheReadTokens: row.cache_read_tokens,
        cacheWriteTokens: row.cache_write_tokens,
        costUsd: row.cost,
        occurredAt: row.reserved_at.toISOString(),
        settledAt: row.settled_at?.toISOString() ?? null,
      }),
      (row) => ({ sortValue: row.sort_key, id: row.id }),
    );
  },
};
