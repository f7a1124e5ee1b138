import { describe, expect, it } from "vitest";
import type { UsageLedger } from "../../../../runtime/core/ledger/createUsageLedger.ts";
import {
  createBudgetAlerter,
  thresholdReached,
} from "../../../../runtime/core/metering/createBudgetAlerter.ts";

function ledgerWith(spentUsd: string, month = "2026-11"): UsageLedger {
  return {
    budget: async () => ({
      month,
      limitUsd: "100.000000",
      spentUsd,
      remainingUsd: "0.000000",
      alertThresholdPercent: 80,
      resetsAt: new Date("2026-12-01T00:00:00Z"),
    }),
  } as unknown as UsageLedger;
}

describe("thresholdReached", () => {
  it.each([
    ["79.999999", false],
    ["80.000000", true],
    ["120.000000", true],
  ])("reads spend %s of 100 at 80%% as %s", (spent, expected) => {
    expect(thresholdReached(spent, "100.000000", 80)).toBe(expected);
  });
});

describe("createBudgetAlerter", () => {
  it("alerts once per month when spend reaches the threshold", async () => {
    const alerts: unknown[] = [];
    const alerter = createBudgetAlerter("acme", ledgerWith("85.000000"), (alert) => alerts.push(alert), {
      minIntervalMs: 0,
    });

    await alerter.afterSettle();
    await alerter.afterSettle();

    expect(alerts).toEqual([
      {
        level: "warn",
        msg: "budget alert",
        tenantId: "acme",
        month: "2026-11",
        spentUsd: "85.000000",
        limitUsd: "100.000000",
        alertThresholdPercent: 80,
      },
    ]);
  });

  it("reads the budget at most once per interval", async () => {
    let reads = 0;
    let clock = 0;
    const counting = {
      budget: async () => {
        reads++;
        return ledgerWith("10.000000").budget();
      },
    } as unknown as UsageLedger;
    const alerter = createBudgetAlerter("acme", counting, () => {}, {
      minIntervalMs: 60_000,
      now: () => clock,
    });

    await alerter.afterSettle();
    clock = 59_999;
    await alerter.afterSettle();
    clock = 60_000;
    await alerter.afterSettle();

    expect(reads).toBe(2);
  });

  it("stays quiet below the threshold", async () => {
    const alerts: unknown[] = [];

    await createBudgetAlerter("acme", ledgerWith("10.000000"), (alert) => alerts.push(alert)).afterSettle();

    expect(alerts).toEqual([]);
  });

  it("never fails the call it follows when the ledger cannot be read", async () => {
    const broken = { budget: async () => Promise.reject(new Error("down")) } as unknown as UsageLedger;

    await expect(createBudgetAlerter("acme", broken, () => {}).afterSettle()).resolves.toBeUndefined();
  });
});
