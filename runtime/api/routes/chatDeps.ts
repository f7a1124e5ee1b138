import type { createBudgetAlerter } from "../../core/metering/createBudgetAlerter.ts";
import type { ModelRouter } from "../../core/models/createModelRouter.ts";
import type { RemoteImageOptions } from "../../core/models/images/fetchRemoteImage.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

/** The chat group: model calls, metered through the usage ledger. */
export interface ChatDeps extends LedgerDeps {
  readonly router: ModelRouter;
  /**
   * Longest a model call may take before it is abandoned (504), released and not billed.
   * @default 28000, under API Gateway's 30 s integration timeout
   */
  readonly modelCallTimeoutMs?: number;
  /**
   * Longest a streamed model call may take; a stream sends as it goes, so it is not bound by the edge's
   * integration timeout where the edge streams.
   * @default 600000
   */
  readonly streamTimeoutMs?: number;
  /** Tests only: how remote images are resolved and trusted (a local HTTPS server). @default DNS, public only */
  readonly imageFetch?: Pick<RemoteImageOptions, "lookup" | "requestOptions" | "allowPrivateForTests">;
  /** Raises the month's budget alert after a settled call. @default no alerts */
  readonly budgetAlerter?: ReturnType<typeof createBudgetAlerter>;
}
