import { sweepExpiredReservations } from "../core/ledger/sweepExpiredReservations.ts";
import { parseDatabaseSecret } from "../core/secrets/parseDatabaseSecret.ts";
import type { LedgerAdminDeps } from "./ledgerAdminDeps.ts";

/** What a sweep did. */
export interface LedgerSweepReport {
  /** Reservations that were past their deadline and are now `expired` and `needs_reconciliation`. */
  readonly expired: number;
  /** Budget leases past their deadline (their process froze or died), now `expired`, their unused part returned. */
  readonly expiredLeases: number;
  /** False while no tenant has been enrolled: the ledger has no tables yet, so there is nothing to sweep. */
  readonly ledgerMigrated: boolean;
}

/**
 * Expires the dangling reservations of every tenant (sweepExpiredReservations.ts) as the ledger's master
 * user, whom row-level security does not restrict. Idempotent: an entry is expired once, so a repeated or
 * concurrent sweep finds nothing more to do. It never changes the schema: before the first enrollment has
 * migrated the ledger it reports `ledgerMigrated: false` instead of failing every run.
 *
 * @example
 * const { expired } = await sweepLedger(deps, new Date());
 */
export async function sweepLedger(deps: LedgerAdminDeps, now: Date): Promise<LedgerSweepReport> {
  const master = parseDatabaseSecret(await deps.secrets.getSecret(deps.masterSecretId), deps.masterSecretId);
  const session = await deps.connect(master);
  try {
    const { rows } = await session.query<{ migrated: boolean }>(
      "SELECT to_regclass('usage_events') IS NOT NULL AS migrated",
    );
    if (rows[0]?.migrated !== true) return { expired: 0, expiredLeases: 0, ledgerMigrated: false };
    const { expired, expiredLeases } = await sweepExpiredReservations(session, now);
    return { expired, expiredLeases, ledgerMigrated: true };
  } finally {
    await session.end();
  }
}
