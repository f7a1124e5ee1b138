import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurBedrockLineItem } from "../../../../../runtime/cli/ledger/reports/readCurLineItems.ts";
import { reconcileWithCur } from "../../../../../runtime/cli/ledger/reports/reconcileWithCur.ts";
import { echoCall } from "../../../core/ledger/support/echoCall.ts";
import { createLedgerTestDatabase } from "../../../core/ledger/support/ledgerTestDatabase.ts";

let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
const frozenNow = () => new Date("2026-11-12T10:00:00Z");
const tolerance = { usd: "0.01", percent: "1" };

/** Settles one Claude Sonnet 4 call of `inputTokens` (0.003 USD per 1K) for a new tenant. */
async function meteredTenant(tenantId: string, inputTokens: number) {
  const { ledger } = await ledgerDb.tenantLedger(tenantId, 100, { now: frozenNow, markupPercent: 50 });
  const entry = await ledger.reserve({
    requestId: randomUUID(),
    operationId: "createChatCompletion",
    modelKey: "claude-sonnet",
    provider: "bedrock",
    providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    estimatedInputTokens: inputTokens,
    maxOutputTokens: 1000,
  });
  await ledger.settle(entry.id, { inputTokens, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
  return ledger;
}

function item(tenantId: string | null, costUsd: string): CurBedrockLineItem {
  return {
    line: 2,
    tenantId,
    costUsd,
    usageType: "USE1-Claude4Sonnet-input-tokens",
    usageStartDate: "2026-11-12",
    resourceId: "",
  };
}

beforeAll(async () => {
  ledgerDb = await createLedgerTestDatabase("ledger_reconcile");
  for (const tenantId of ["rec-exact", "rec-usd-ok", "rec-over", "rec-not-billed"])
    await meteredTenant(tenantId, 200_000);
  await meteredTenant("rec-percent-ok", 2_000_000);
  // An echo call is not Bedrock: the CUR never bills it, so it must not count.
  const { ledger } = await ledgerDb.tenantLedger("rec-echo", 10, { now: frozenNow });
  const echo = await ledger.reserve(echoCall());
  await ledger.settle(echo.id, {
    inputTokens: 1000,
    outputTokens: 1000,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  });
});

afterAll(async () => {
  await ledgerDb.close();
});

describe("reconcileWithCur", () => {
  it("fails a tenant only when its difference exceeds both the USD and the percent tolerance", async () => {
    // Act: each tenant's ledger provider cost is 0.600000 (rec-percent-ok: 6.000000), markup not included
    const result = await reconcileWithCur(ledgerDb.admin, {
      month: "2026-11",
      tolerance,
      lineItems: [
        item("rec-exact", "0.1000000000"),
        item("rec-exact", "0.2000000000"),
        item("rec-exact", "0.3000000000"),
        item("rec-usd-ok", "0.609"),
        item("rec-percent-ok", "6.05"),
        item("rec-over", "0.65"),
        item("rec-unknown-tag", "0.02"),
      ],
    });

    // Assess
    expect(
      result.tenants.map((tenant) => [
        tenant.tenantId,
        tenant.ledgerUsd,
        tenant.curUsd,
        tenant.differenceUsd,
        tenant.differencePercent,
        tenant.exceedsTolerance,
      ]),
    ).toEqual([
      ["rec-exact", "0.600000", "0.600000", "0.000000", "0.00", false],
      ["rec-not-billed", "0.600000", "0.000000", "-0.600000", null, true],
      ["rec-over", "0.600000", "0.650000", "0.050000", "7.69", true],
      ["rec-percent-ok", "6.000000", "6.050000", "0.050000", "0.83", false],
      ["rec-unknown-tag", "0.000000", "0.020000", "0.020000", "100.00", true],
      ["rec-usd-ok", "0.600000", "0.609000", "0.009000", "1.48", false],
    ]);
    expect(result.tenants.find((tenant) => tenant.tenantId === "rec-exact")?.curLineItems).toBe(3);
    expect(result.ok).toBe(false);
  });

  it("ignores other providers' entries, which the AWS bill does not hold", async () => {
    const result = await reconcileWithCur(ledgerDb.admin, { month: "2026-11", tolerance, lineItems: [] });

    expect(result.tenants.map((tenant) => tenant.tenantId)).not.toContain("rec-echo");
  });

  it("passes unattributed cost up to the USD tolerance and fails it beyond", async () => {
    const matching = ["rec-exact", "rec-usd-ok", "rec-over", "rec-not-billed"].map((tenantId) =>
      item(tenantId, "0.6"),
    );
    const all = [...matching, item("rec-percent-ok", "6")];

    const within = await reconcileWithCur(ledgerDb.admin, {
      month: "2026-11",
      tolerance,
      lineItems: [...all, item(null, "0.004"), item(null, "0.006")],
    });
    const beyond = await reconcileWithCur(ledgerDb.admin, {
      month: "2026-11",
      tolerance,
      lineItems: [...all, item(null, "0.0101")],
    });

    expect(within.unattributed).toEqual({ costUsd: "0.010000", lineItems: 2, exceedsTolerance: false });
    expect(within.ok).toBe(true);
    expect(beyond.unattributed).toEqual({ costUsd: "0.010100", lineItems: 1, exceedsTolerance: true });
    expect(beyond.ok).toBe(false);
  });

  it("has nothing to compare in a month without calls or bill", async () => {
    const result = await reconcileWithCur(ledgerDb.admin, { month: "2026-10", tolerance, lineItems: [] });

    expect(result).toMatchObject({
      tenants: [],
      unattributed: { costUsd: "0.000000", lineItems: 0 },
      flaggedEntries: [],
      ok: true,
    });
  });
});
