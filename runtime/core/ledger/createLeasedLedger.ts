import { performance } from "node:perf_hooks";
import { v7 as uuidv7 } from "uuid";
import type { SqlDatabase } from "../db/sqlDatabase.ts";
import type { ModelPrice } from "../pricing/modelPrices.ts";
import { priceFor } from "../pricing/priceFor.ts";
import { callCostBoundMicroUsd } from "./callCostBound.ts";
import { callRowValues } from "./callRowValues.ts";
import { createUsageLedger, type ReserveInput, type UsageLedgerOptions } from "./createUsageLedger.ts";
import { guardLedgerCall } from "./guardLedgerCall.ts";
import { monthOf } from "./ledgerMonths.ts";
import { formatScaled, scaledDecimal } from "./scaledDecimal.ts";

/** Options of {@link createLeasedLedger}: the ledger's own, and how leases are sized and kept. */
export interface LeasedLedgerOptions extends UsageLedgerOptions {
  /** A lease holds this many times the largest call bound seen so far. @default 32 */
  readonly callsPerLease?: number;
  /** A lease is granted only while the month keeps this many times its size unspent. @default 4 */
  readonly headroomFactor?: number;
  /** When the ledger expires a lease its process never returned. @default 120 */
  readonly leaseTtlSeconds?: number;
  /** How long after asking for it the process draws on a lease; well inside the TTL. @default 60 */
  readonly leaseUseSeconds?: number;
  /** After a refused lease, calls reserve one by one for this long before asking again. @default 5 */
  readonly refusedBackoffSeconds?: number;
  /** How long after a drawn call starts its row is written, unless settle or release comes first. @default 2 */
  readonly rowWriteDelayMs?: number;
  /** A background step failed (taking, writing to or returning a lease); the calls are unaffected. */
  readonly onBackgroundError?: (error: unknown, step: string) => void;
  /** @default performance.now */
  readonly monotonicMs?: () => number;
}

/** A lease this process holds: what is left of it in micro-dollars, and until when it may draw on it. */
interface HeldLease {
  readonly id: string;
  readonly month: string;
  readonly markupPercent: string;
  availableMicroUsd: bigint;
  readonly usableUntilMs: number;
  readonly usableUntilWallMs: number;
  /** The rows of calls drawn on it that are still being written. */
  readonly writing: Set<Promise<unknown>>;
  retired: boolean;
}

/**
 * The usage ledger with budget leases on the hot path: instead of a round trip to reserve each call before
 * it starts, the process holds a lease (a block of the month's budget reserved at once, in the background)
 * and draws each call's bound ({@link callCostBoundMicroUsd}) from it in memory; the call's own ledger row is
 * written while the model answers, and settle and release wait for it. Every call still leaves exactly one
 * row, settled or released, and budgets still cannot be overshot: every call is covered by budget the ledger
 * already reserved, either in a lease or by a reservation of its own. Calls reserve one by one (the plain
 * ledger) while no lease is held, for a call larger than the lease's rest, when the month is near its
 * budget (a lease is granted only with `headroomFactor` times its size unspent), and for an explicit
 * entry `id`. The cost: near a budget's edge, a call may be refused while other processes hold unused
 * leases, for at most `leaseTtlSeconds`. docs/ledger.md has the whole account.
 *
 * @example
 * const ledger = createLeasedLedger(db, { tenantId: "acme" });
 * const entry = await ledger.reserve(input); // no round trip while a lease covers it
 * await ledger.settle(entry.id, usage); // waits for the entry's row, then settles it
 * await ledger.close(); // returns the lease
 */
export function createLeasedLedger(db: SqlDatabase, options: LeasedLedgerOptions) {
  const ledger = createUsageLedger(db, options);
  const now = options.now ?? (() => new Date());
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  const callsPerLease = BigInt(options.callsPerLease ?? 32);
  const headroomFactor = options.headroomFactor ?? 4;
  const leaseTtlSeconds = options.leaseTtlSeconds ?? 120;
  const leaseUseMs = (options.leaseUseSeconds ?? 60) * 1000;
  const refusedBackoffMs = (options.refusedBackoffSeconds ?? 5) * 1000;
  const rowWriteDelayMs = options.rowWriteDelayMs ?? 2;
  const reservationTtlSeconds = options.reservationTtlSeconds ?? 900;
  const onBackgroundError = options.onBackgroundError ?? (() => undefined);
  const { tenantId } = options;

  let held: HeldLease | undefined;
  let leasing: Promise<void> | undefined;
  let refusedUntilMs = Number.NEGATIVE_INFINITY;
  let largestBaseMicroUsd = 0n;
  /** Rows being written for calls drawn on a lease, by entry id: settle and release wait for them. */
  const rowsWriting = new Map<string, { readonly written: Promise<void>; readonly hurry: () => void }>();
  /** Leases being returned in the background. */
  const returning = new Set<Promise<void>>();

  function usableLease(month: string): HeldLease | undefined {
    if (held === undefined) return undefined;
    if (held.month === month && monotonicMs() < held.usableUntilMs && Date.now() < held.usableUntilWallMs) {
      return held;
    }
    retire(held);
    held = undefined;
    return undefined;
  }

  /** Returns a lease's unused part once the rows drawn on it are written (the ledger needs them first). */
  function retire(lease: HeldLease): void {
    if (lease.retired) return;
    lease.retired = true;
    const returned: Promise<void> = Promise.allSettled([...lease.writing])
      .then(() =>
        db.query("SELECT silo_return_lease($1)", [lease.id], { prepare: "silo_ledger_return_lease" }),
      )
      .then(
        () => undefined,
        (error: unknown) => onBackgroundError(error, "return lease"),
      )
      .finally(() => returning.delete(returned));
    returning.add(returned);
  }

  /** Asks for a lease in the background, sized for the largest call seen; one request at a time. */
  function takeLease(month: string): void {
    if (leasing !== undefined || monotonicMs() < refusedUntilMs || largestBaseMicroUsd === 0n) return;
    const askedAtMs = monotonicMs();
    const askedAtWallMs = Date.now();
    const id = uuidv7();
    leasing = db
      .query<{ outcome: string; granted_usd: string | null; markup_percent: string | null }>(
        "SELECT outcome, granted_usd, markup_percent FROM silo_lease($1, $2, $3::date, $4::numeric, $5, $6)",
        [
          id,
          tenantId,
          month,
          formatScaled(largestBaseMicroUsd * callsPerLease, 6),
          headroomFactor,
          leaseTtlSeconds,
        ],
        { prepare: "silo_ledger_lease" },
      )
      .then(({ rows }) => {
        const row = rows[0];
        if (row?.outcome !== "leased" || row.granted_usd === null || row.markup_percent === null) {
          refusedUntilMs = monotonicMs() + refusedBackoffMs;
          return;
        }
        if (held !== undefined) retire(held);
        held = {
          id,
          month,
          markupPercent: row.markup_percent,
          availableMicroUsd: scaledDecimal(row.granted_usd, 6),
          // Measured from before the request, so the process stops drawing well before the ledger expires it.
          usableUntilMs: askedAtMs + leaseUseMs,
          usableUntilWallMs: askedAtWallMs + leaseUseMs,
          writing: new Set(),
          retired: false,
        };
      })
      .catch((error: unknown) => {
        refusedUntilMs = monotonicMs() + refusedBackoffMs;
        onBackgroundError(error, "take lease");
      })
      .finally(() => {
        leasing = undefined;
      });
  }

  /**
   * Writes the row of a call drawn on `lease`. If the ledger no longer has the lease (expired by the
   * sweeper, or short because the markup changed), the call, which has already started, is recorded under
   * the same id without a budget check and flagged for reconciliation.
   */
  /** The call's row as reserve priced it: `price` is the one in force at `at`. */
  async function writeLeasedRow(
    id: string,
    lease: HeldLease,
    input: ReserveInput,
    price: ModelPrice,
    at: Date,
  ): Promise<void> {
    const draw = (leaseId: string | null) =>
      guardLedgerCall(() =>
        db.query(
          `SELECT outcome FROM silo_reserve_leased($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10, $11,
           $12::numeric, $13::numeric, $14::numeric, $15::numeric, $16::timestamptz)`,
          [
            id,
            leaseId,
            tenantId,
            lease.month,
            ...callRowValues(input, price, new Date(at.getTime() + reservationTtlSeconds * 1000)),
          ],
          { prepare: "silo_ledger_reserve_leased" },
        ),
      );
    try {
      await draw(lease.id);
    } catch (error) {
      if ((error as { code?: string }).code !== "SL003") throw error;
      onBackgroundError(error, "draw on lease");
      // The call has already started: it is recorded whatever the budget says now, and flagged.
      await draw(null);
    }
  }

  /**
   * Writes a drawn call's row after `rowWriteDelayMs`, or at once when settle or release needs it sooner:
   * the write then does not compete for CPU with the call's own start (the model request and its first
   * event), which is what a caller waits for. The row is still written within milliseconds of the call.
   */
  function scheduleRowWrite(id: string, lease: HeldLease, input: ReserveInput, price: ModelPrice, at: Date) {
    let start: () => void = () => undefined;
    const due = new Promise<void>((resolve) => {
      start = resolve;
    });
    const timer = setTimeout(start, rowWriteDelayMs);
    const written = due.then(() => writeLeasedRow(id, lease, input, price, at));
    // Settle or release reports a failure; until then it must not surface as an unhandled rejection.
    written.catch(() => undefined);
    rowsWriting.set(id, {
      written,
      hurry: () => {
        clearTimeout(timer);
        start();
      },
    });
    lease.writing.add(written);
    void written.finally(() => lease.writing.delete(written)).catch(() => undefined);
  }

  /** Waits for the row of a call drawn on a lease, if it is one, starting its write if still waiting. */
  async function rowWritten(id: string): Promise<void> {
    const writing = rowsWriting.get(id);
    if (writing === undefined) return;
    rowsWriting.delete(id);
    writing.hurry();
    await writing.written;
  }

  return {
    ...ledger,

    /**
     * Reserves a call: drawn on the held lease when it covers the call's bound (no round trip; the row is
     * written in the background), else on its own as {@link createUsageLedger}'s reserve does.
     */
    async reserve(input: ReserveInput): Promise<{ id: string; estimatedCostUsd: string }> {
      if (input.id !== undefined) return ledger.reserve(input);
      const at = now();
      const month = monthOf(at);
      const price = priceFor(input.provider, input.providerModelId, at);
      const baseMicroUsd = callCostBoundMicroUsd(
        input.estimatedInputTokens,
        input.maxOutputTokens,
        price,
        "0",
      );
      if (baseMicroUsd > largestBaseMicroUsd) largestBaseMicroUsd = baseMicroUsd;
      const lease = usableLease(month);
      if (lease !== undefined) {
        const bound = callCostBoundMicroUsd(
          input.estimatedInputTokens,
          input.maxOutputTokens,
          price,
          lease.markupPercent,
        );
        if (bound <= lease.availableMicroUsd) {
          lease.availableMicroUsd -= bound;
          const id = uuidv7();
          scheduleRowWrite(id, lease, input, price, at);
          // Ask for the next lease while this one still covers calls.
          if (lease.availableMicroUsd * 4n < bound * callsPerLease) takeLease(month);
          return { id, estimatedCostUsd: formatScaled(bound, 6) };
        }
      }
      takeLease(month);
      return ledger.reserve(input);
    },

    async settle(id: string, usage: Parameters<typeof ledger.settle>[1]) {
      await rowWritten(id);
      return ledger.settle(id, usage);
    },

    async release(id: string, reason: string): Promise<void> {
      // A row that could not be written has nothing to release.
      const written = await rowWritten(id).then(
        () => true,
        () => false,
      );
      if (written) await ledger.release(id, reason);
    },

    /**
     * Sets the tenant's budget as {@link createUsageLedger}'s setBudget does, and stops drawing on this
     * process's lease at once, so its next calls are checked against the new budget.
     */
    async setBudget(monthlyBudgetUsd: string, alertThresholdPercent: number): Promise<void> {
      if (held !== undefined) retire(held);
      held = undefined;
      await ledger.setBudget(monthlyBudgetUsd, alertThresholdPercent);
    },

    /** The lease this process draws on, if any: its id and what is left of it, in USD. */
    heldLease(): { readonly id: string; readonly availableUsd: string } | undefined {
      return held === undefined
        ? undefined
        : { id: held.id, availableUsd: formatScaled(held.availableMicroUsd, 6) };
    },

    /** Returns the held lease (and any still being returned), once the rows drawn on them are written. */
    async close(): Promise<void> {
      await leasing;
      if (held !== undefined) retire(held);
      held = undefined;
      await Promise.all([...returning]);
    },
  };
}

/** A usage ledger that draws calls on budget leases. */
export type LeasedLedger = ReturnType<typeof createLeasedLedger>;
