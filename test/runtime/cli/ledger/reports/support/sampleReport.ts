import type {
  FinanceReport,
  UsageCounts,
} from "../../../../../../runtime/cli/ledger/reports/financeReport.ts";

const zero: UsageCounts = {
  settledRequests: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  providerCostUsd: "0.000000",
  billedCostUsd: "0.000000",
  reserved: 0,
  released: 0,
  expired: 0,
  needsReconciliation: 0,
};

/** A tenant id no real ledger would hold, to prove every renderer escapes what it prints. */
export const hostileTenantId = `<img src=x onerror="alert(1)">&'evil'`;

/**
 * A small finance report built by hand (two tenants, one with a hostile id, three days), for the pure
 * formatters; the real ledger's report is tested through the CLI.
 */
export function sampleReport(): FinanceReport {
  const sonnet = {
    ...zero,
    settledRequests: 2,
    inputTokens: 1200,
    outputTokens: 300,
    cacheReadTokens: 100,
    cacheWriteTokens: 40,
    providerCostUsd: "0.008280",
    billedCostUsd: "0.009936",
    released: 1,
  };
  const hostile = {
    ...zero,
    settledRequests: 1,
    inputTokens: 1000,
    outputTokens: 100,
    providerCostUsd: "0.000120",
    billedCostUsd: "0.000120",
    expired: 1,
    needsReconciliation: 1,
  };
  return {
    month: "2026-11",
    tenantId: null,
    currency: "USD",
    rows: [
      {
        tenantId: "acme-health",
        modelKey: "claude-sonnet",
        provider: "bedrock",
        providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
        ...sonnet,
      },
      {
        tenantId: hostileTenantId,
        modelKey: 'm<b>"x"',
        provider: "bedrock",
        providerModelId: "amazon.nova-lite-v1:0",
        ...hostile,
      },
    ],
    tenants: [
      {
        tenantId: "acme-health",
        ...sonnet,
        budget: {
          monthlyBudgetUsd: "3.000000",
          alertThresholdPercent: 80,
          settledUsd: "0.009936",
          reservedUsd: "0.000000",
          spentUsd: "0.009936",
          burnPercent: "0.33",
          alert: false,
          overBudget: false,
        },
      },
      {
        tenantId: hostileTenantId,
        ...hostile,
        budget: {
          monthlyBudgetUsd: "0.000100",
          alertThresholdPercent: 50,
          settledUsd: "0.000120",
          reservedUsd: "0.000000",
          spentUsd: "0.000120",
          burnPercent: "120.00",
          alert: true,
          overBudget: true,
        },
      },
    ],
    models: [
      {
        provider: "bedrock",
        providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
        settledRequests: 2,
        providerCostUsd: "0.008280",
        billedCostUsd: "0.009936",
      },
      {
        provider: "bedrock",
        providerModelId: "amazon.nova-lite-v1:0",
        settledRequests: 1,
        providerCostUsd: "0.000120",
        billedCostUsd: "0.000120",
      },
    ],
    daily: ["2026-11-01", "2026-11-02", "2026-11-03"].map((date, index) => ({
      date,
      tenants: [
        {
          tenantId: "acme-health",
          providerCostUsd: index === 1 ? "0.008280" : "0.000000",
          billedCostUsd: index === 1 ? "0.009936" : "0.000000",
        },
        {
          tenantId: hostileTenantId,
          providerCostUsd: index === 2 ? "0.000120" : "0.000000",
          billedCostUsd: index === 2 ? "0.000120" : "0.000000",
        },
      ],
    })),
    totals: {
      settledRequests: 3,
      inputTokens: 2200,
      outputTokens: 400,
      cacheReadTokens: 100,
      cacheWriteTokens: 40,
      providerCostUsd: "0.008400",
      billedCostUsd: "0.010056",
      reserved: 0,
      released: 1,
      expired: 1,
      needsReconciliation: 1,
    },
  };
}
