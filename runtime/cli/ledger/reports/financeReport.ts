/**
 * The shapes of the month-end finance report (`silo ledger report`). Money is a decimal string in US dollars
 * with 6 places, summed in Postgres `numeric`; counts and tokens are numbers.
 */

/** Ledger entries of a month, by what happened to them. */
export interface UsageCounts {
  /** Calls settled with provider-reported tokens: the only entries that cost anything. */
  readonly settledRequests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  /** What the provider charges for the settled calls, from the price table (`provider_cost_usd`), USD. */
  readonly providerCostUsd: string;
  /** What the tenant is billed for them, markup included (`cost_usd`), USD. */
  readonly billedCostUsd: string;
  /** Reservations still open (a call in flight, or a crashed process the sweeper has not reached yet). */
  readonly reserved: number;
  /** Reservations given back because the call failed; they cost nothing. */
  readonly released: number;
  /** Reservations the sweeper expired and never settled: the call's outcome is unknown. */
  readonly expired: number;
  /** Entries flagged `needs_reconciliation` (expired, including those a late settle completed). */
  readonly needsReconciliation: number;
}

/** One tenant's use of one model key in the month. */
export interface TenantModelUsage extends UsageCounts {
  readonly tenantId: string;
  readonly modelKey: string;
  readonly provider: string;
  readonly providerModelId: string;
}

/** A tenant's spend against its monthly budget (`ledger_tenants`, `budget_months`). */
export interface BudgetBurn {
  /** The tenant's current monthly budget (the ledger keeps no history of budget changes). */
  readonly monthlyBudgetUsd: string;
  readonly alertThresholdPercent: number;
  /** Billed cost of settled calls. */
  readonly settledUsd: string;
  /** Estimates held by open reservations. */
  readonly reservedUsd: string;
  /** Settled plus reserved: what the budget check counts. */
  readonly spentUsd: string;
  /** Spent as a percentage of the budget, 2 places; null when the budget is 0. */
  readonly burnPercent: string | null;
  /** Spent has reached the alert threshold. */
  readonly alert: boolean;
  /** Spent has reached the whole budget. */
  readonly overBudget: boolean;
}

/** One tenant's month: its totals over every model, and its budget. */
export interface TenantSummary extends UsageCounts {
  readonly tenantId: string;
  readonly budget: BudgetBurn;
}

/** One provider model's month, over every tenant. */
export interface ModelCost {
  readonly provider: string;
  readonly providerModelId: string;
  readonly settledRequests: number;
  readonly providerCostUsd: string;
  readonly billedCostUsd: string;
}

/** One UTC day of the month, with each tenant's cost that day (zeros included). */
export interface DailyCost {
  readonly date: string;
  readonly tenants: ReadonlyArray<{
    readonly tenantId: string;
    readonly providerCostUsd: string;
    readonly billedCostUsd: string;
  }>;
}

/** The month-end finance report over the usage ledger. */
export interface FinanceReport {
  /** `YYYY-MM` (UTC calendar month). */
  readonly month: string;
  /** The one tenant reported, or null for every tenant. */
  readonly tenantId: string | null;
  readonly currency: "USD";
  /** Per tenant and model key, ordered by tenant, then model key. */
  readonly rows: readonly TenantModelUsage[];
  /** Every tenant registered in the ledger (with or without use this month), ordered by id. */
  readonly tenants: readonly TenantSummary[];
  /** Per provider model, most billed first. */
  readonly models: readonly ModelCost[];
  /** Every day of the month, by the UTC day each settled call was reserved. */
  readonly daily: readonly DailyCost[];
  readonly totals: UsageCounts;
}
