import { randomUUID } from "node:crypto";
import type { ReportedUsage } from "../../../../../../runtime/core/ledger/createUsageLedger.ts";
import { sweepExpiredReservations } from "../../../../../../runtime/core/ledger/sweepExpiredReservations.ts";
import type { createLedgerTestDatabase } from "../../../../core/ledger/support/ledgerTestDatabase.ts";

type LedgerTestDatabase = Awaited<ReturnType<typeof createLedgerTestDatabase>>;

/** Calls of one tenant and model in one sitting: `calls` calls, each with `usage`, 7 minutes apart. */
interface CallBatch {
  /** `release`: the provider call failed, so the reservation is given back and costs nothing. */
  readonly outcome: "settle" | "release";
  readonly tenantId: "acme-health" | "globex";
  readonly modelKey: string;
  readonly providerModelId: string;
  readonly maxOutputTokens: number;
  readonly startsAt: string;
  readonly calls: number;
  readonly usage: ReportedUsage;
}

const sonnet = { modelKey: "claude-sonnet", providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0" };
const novaLite = { modelKey: "nova-lite", providerModelId: "amazon.nova-lite-v1:0" };
const novaMicro = { modelKey: "nova-micro", providerModelId: "amazon.nova-micro-v1:0" };
const haiku = { modelKey: "haiku", providerModelId: "anthropic.claude-3-5-haiku-20241022-v1:0" };
const usage = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheWriteTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

/**
 * November 2026 for the example tenants, call by call, so that each day's tokens add up to exactly the
 * Bedrock line items of test/fixtures/cur/cur-2026-11-bedrock.csv (acme-health 1.846200 USD, globex
 * 0.329800 USD at provider prices). The last batch is globex's final Haiku call of Nov 26 (0.024 USD).
 */
export const novemberBatches: readonly CallBatch[] = [
  {
    tenantId: "acme-health",
    ...sonnet,
    maxOutputTokens: 8192,
    startsAt: "2026-11-03T09:12:00Z",
    calls: 5,
    usage: usage(43_000, 2_880, 16_000, 2_400),
    outcome: "settle",
  },
  {
    tenantId: "globex",
    ...novaMicro,
    maxOutputTokens: 4096,
    startsAt: "2026-11-05T08:00:00Z",
    calls: 40,
    usage: usage(25_000, 3_000),
    outcome: "settle",
  },
  {
    tenantId: "acme-health",
    ...novaLite,
    maxOutputTokens: 8192,
    startsAt: "2026-11-10T08:30:00Z",
    calls: 10,
    usage: usage(65_000, 8_000),
    outcome: "settle",
  },
  {
    tenantId: "globex",
    ...haiku,
    maxOutputTokens: 4096,
    startsAt: "2026-11-12T13:15:00Z",
    calls: 5,
    usage: usage(30_000, 2_400),
    outcome: "settle",
  },
  {
    tenantId: "acme-health",
    ...sonnet,
    maxOutputTokens: 8192,
    startsAt: "2026-11-17T10:05:00Z",
    calls: 4,
    usage: usage(52_500, 3_800),
    outcome: "settle",
  },
  {
    tenantId: "acme-health",
    ...novaLite,
    maxOutputTokens: 8192,
    startsAt: "2026-11-20T12:00:00Z",
    calls: 1,
    usage: usage(12_000, 0),
    outcome: "release",
  },
  {
    tenantId: "globex",
    ...novaMicro,
    maxOutputTokens: 4096,
    startsAt: "2026-11-21T07:40:00Z",
    calls: 25,
    usage: usage(32_000, 4_000),
    outcome: "settle",
  },
  {
    tenantId: "globex",
    ...haiku,
    maxOutputTokens: 4096,
    startsAt: "2026-11-26T17:10:00Z",
    calls: 1,
    usage: usage(40_000, 3_000),
    outcome: "settle",
  },
  {
    tenantId: "globex",
    ...haiku,
    maxOutputTokens: 4096,
    startsAt: "2026-11-26T17:50:00Z",
    calls: 1,
    usage: usage(20_000, 2_000),
    outcome: "settle",
  },
];

/** What {@link seedNovemberLedger} wrote that tests look for. */
export interface NovemberSeed {
  /** The entry of globex's last call when `crashLastCall` (else undefined). */
  readonly crashedEntryId: string | undefined;
}

/**
 * Writes November 2026 into a ledger test database through the tenants' own roles (reserve -> settle, with
 * a frozen clock per call): acme-health (budget 3 USD, markup 20%) and globex (budget 0.4 USD, alert at 80%),
 * plus one acme-health call that failed and was released (Nov 20). With `crashLastCall`, globex's last call is
 * reserved but never settled (its process "died") and the sweeper expires it, flagging it
 * `needs_reconciliation`: the ledger then lacks 0.024 USD that AWS did bill.
 *
 * `reserved_at` and `settled_at` come from the database clock, not the ledger's injected one, so they are
 * moved to each call's frozen instant afterwards, as production writes would have them.
 */
export async function seedNovemberLedger(
  ledgerDb: LedgerTestDatabase,
  options: { crashLastCall?: boolean } = {},
): Promise<NovemberSeed> {
  let now = new Date("2026-11-01T00:00:00Z");
  const clock = { now: () => now };
  const acme = await ledgerDb.tenantLedger("acme-health", "3", { ...clock, markupPercent: 20 });
  const globex = await ledgerDb.tenantLedger("globex", "0.4", clock);
  const ledgers = { "acme-health": acme.ledger, globex: globex.ledger };
  let crashedEntryId: string | undefined;

  const lastBatch = novemberBatches.at(-1);
  for (const batch of novemberBatches) {
    for (let call = 0; call < batch.calls; call += 1) {
      now = new Date(Date.parse(batch.startsAt) + call * 7 * 60_000);
      const entry = await ledgers[batch.tenantId].reserve({
        requestId: randomUUID(),
        operationId: "createChatCompletion",
        modelKey: batch.modelKey,
        provider: "bedrock",
        providerModelId: batch.providerModelId,
        estimatedInputTokens:
          batch.usage.inputTokens + batch.usage.cacheReadTokens + batch.usage.cacheWriteTokens,
        maxOutputTokens: batch.maxOutputTokens,
      });
      if (options.crashLastCall && batch === lastBatch) crashedEntryId = entry.id;
      else if (batch.outcome === "release") await ledgers[batch.tenantId].release(entry.id, "MODEL_TIMEOUT");
      else await ledgers[batch.tenantId].settle(entry.id, batch.usage);
      await moveToClock(ledgerDb, entry.id, now);
    }
  }
  if (crashedEntryId !== undefined) {
    await sweepExpiredReservations(ledgerDb.admin, new Date("2026-11-26T19:00:00Z"));
  }
  return { crashedEntryId };
}

async function moveToClock(ledgerDb: LedgerTestDatabase, id: string, at: Date): Promise<void> {
  await ledgerDb.admin.query(
    `UPDATE usage_events SET reserved_at = $2::timestamptz,
       settled_at = CASE WHEN settled_at IS NULL THEN NULL ELSE $2::timestamptz + interval '3 seconds' END
     WHERE id = $1`,
    [id, at.toISOString()],
  );
}
