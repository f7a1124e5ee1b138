import { SiloError } from "../errors/siloError.ts";

/** The tenant's monthly budget cannot cover this call: nothing was called, nothing was charged. */
export class BudgetExceededError extends SiloError {
  /**
   * When the budget resets (the next month, UTC). Deliberately not a `retryAfterSeconds`: a spent budget is
   * not a condition to retry (see problemFromError: no Retry-After, `x-should-retry: false`).
   */
  readonly resetsAt: Date;

  constructor(details: {
    tenantId: string;
    month: string;
    spentUsd: string;
    limitUsd: string;
    estimateUsd: string;
    resetsAt: Date;
    now: Date;
  }) {
    super(
      "BUDGET_EXCEEDED",
      `tenant ${details.tenantId} has spent ${details.spentUsd} of its ${details.limitUsd} USD budget for ${details.month}; ` +
        `this call could cost up to ${details.estimateUsd} USD. The budget resets at ${details.resetsAt.toISOString()}; ` +
        "ask an admin to raise it (PUT /v1/budget) or lower max_tokens",
    );
    this.resetsAt = details.resetsAt;
  }
}

/**
 * A tenant asked for a monthly budget above the ceiling the platform operator set in its tenant file
 * (`limits.monthlyBudgetUsd`). A tenant may lower its budget, never raise it past that ceiling.
 */
export class BudgetAboveCeilingError extends SiloError {
  constructor(details: { tenantId: string; requestedUsd: string; ceilingUsd: string }) {
    super(
      "BUDGET_ABOVE_CEILING",
      `monthlyBudgetUsd ${details.requestedUsd} is above tenant ${details.tenantId}'s ceiling of ${details.ceilingUsd} USD, ` +
        `set by the platform team in tenants/${details.tenantId}.yaml (limits.monthlyBudgetUsd); ` +
        `send at most ${details.ceilingUsd}, or ask the platform team to raise limits.monthlyBudgetUsd and redeploy`,
    );
  }
}

/** The usage ledger cannot be written: model calls are refused before any call is made. */
export class LedgerUnavailableError extends SiloError {
  constructor(cause: unknown) {
    super(
      "LEDGER_UNAVAILABLE",
      "the usage ledger is unavailable, so no model call was made (no call is ever made unmetered); retry shortly",
      { cause },
    );
  }
}

/** A settle or release for a ledger entry that does not exist for this tenant. */
export class LedgerEntryNotFoundError extends SiloError {
  constructor(entryId: string) {
    super("LEDGER_ENTRY_NOT_FOUND", `no usage ledger entry ${entryId} for this tenant`);
  }
}
