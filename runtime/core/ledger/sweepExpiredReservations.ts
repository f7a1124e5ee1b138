import type { SqlExecutor } from "../db/sqlDatabase.ts";

/**
 * Expires reservations left open past their deadline (a process died between reserve and settle): marks
 * them `expired` and `needs_reconciliation`, and returns their estimates to the tenants' budgets, in one
 * statement. A late settle still moves an expired entry to `settled`. Then expires budget leases past
 * theirs (a process froze or died holding one) and returns their unused part. Run as the ledger admin, on a
 * schedule (the ledger-admin Lambda in AWS, a timer on the local platform).
 *
 * @example
 * const { expired, expiredLeases } = await sweepExpiredReservations(admin, new Date());
 */
export async function sweepExpiredReservations(
  admin: SqlExecutor,
  now: Date,
): Promise<{ expired: number; expiredLeases: number }> {
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
  // A ledger not yet migrated to version 5 (budget leases) has none to expire.
  const { rows: tables } = await admin.query<{ leases: boolean }>(
    "SELECT to_regclass('budget_leases') IS NOT NULL AS leases",
  );
  if (tables[0]?.leases !== true) return { expired: Number(rows[0]?.expired ?? 0), expiredLeases: 0 };
  // A second statement: one statement cannot update the same budget_months row twice.
  const leases = await admin.query<{ expired: string }>(
    `WITH open AS (
       SELECT id, held_usd FROM budget_leases WHERE status = 'open' AND expires_at < $1::timestamptz FOR NO KEY UPDATE
     ), expired AS (
       UPDATE budget_leases l SET status = 'expired', held_usd = 0, closed_at = $1::timestamptz
       FROM open WHERE l.id = open.id
       RETURNING l.tenant_id, l.month, open.held_usd
     ), sums AS (
       SELECT tenant_id, month, sum(held_usd) AS total, count(*) AS leases FROM expired GROUP BY 1, 2
     ), returned AS (
       UPDATE budget_months b SET reserved_usd = b.reserved_usd - sums.total
       FROM sums WHERE b.tenant_id = sums.tenant_id AND b.month = sums.month
       RETURNING sums.leases
     )
     SELECT coalesce(sum(leases), 0)::text AS expired FROM returned`,
    [now.toISOString()],
  );
  return { expired: Number(rows[0]?.expired ?? 0), expiredLeases: Number(leases.rows[0]?.expired ?? 0) };
}
