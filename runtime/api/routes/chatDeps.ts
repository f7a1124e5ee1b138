import type { createBudgetAlerter } from "../../core/metering/createBudgetAlerter.ts";
import type { ModelRouter } from "../../core/models/createModelRouter.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

/** The chat group: model calls, metered through the usage ledger. */
export interface ChatDeps extends LedgerDeps {
  readonly router: ModelRouter;
  /**
   * Longest a model call may take before it is abandoned (504), released and not billed.
   * @default 28000, under API Gateway's 30 s integration timeout
   */
  readonly modelCallTimeoutMs?: number;
  /** Raises the month's budget alert after a settled call. @default no alerts */
  readonly budgetAlerter?: ReturnType<typeof createBudgetAlerter>;
}
