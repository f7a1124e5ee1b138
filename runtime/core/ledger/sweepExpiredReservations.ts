import type { SqlExecutor } from "../db/sqlDatabase.ts";

/**
 * Expires reservations left open past their deadline (a process died between reserve and settle): marks
 * them `expired` and `needs_reconciliation`, and returns their estimates to the tenants' budgets, in one
 * statement. A late settle still moves an expired entry to `settled`. Run as the ledger admin, on a
 * schedule (the ledger-admin Lambda in AWS, a timer on the local platform).
 *
 * @example
 * const { expired } = await sweepExpiredReservations(admin, new Date());
 */
export async function sweepExpiredReservations(admin: SqlExecutor, now: Date): Promise<{ expired: number }> {
  const { rows } = await admin.query<{ expired: string }>(
    `WITH expired AS (
       UPDATE usage_events SET status = 'expired', needs_reconciliation = true
       WHERE status = 'reserved' AND expires_at < $1::timestamptz
       RETURNING tenant_id, month, estimated_cost_usd
     ), sums AS (
       SELECT tenant_id, month, sum(estimated_cost_usd) AS total, count(*) AS entries FROM expired GROUP BY 1, 2
     ), returned AS (
       UPDATE budget_months b SET reserved_usd = b.reserved_usd - sums.total
       FROM sums WHERE b.tenant_id = sums.tenant_id AND b.month = sums.month
       RETURNING sums.entries
     )
     SELECT coalesce(sum(entries), 0)::text AS expired FROM returned`,
    [now.toISOString()],
  );
  return { expired: Number(rows[0]?.expired ?? 0) };
}
