import type { ChatDeps } from "./chatDeps.ts";

const defaultModelCallTimeoutMs = 28_000;

/** What a metered model call takes from the chat group's dependencies, with the call's own timeout. */
export function modelCallDeps(deps: ChatDeps) {
  return {
    router: deps.router,
    ledger: deps.ledger,
    maxTokensPerRequest: deps.tenant.limits.maxTokensPerRequest,
    signal: AbortSignal.timeout(deps.modelCallTimeoutMs ?? defaultModelCallTimeoutMs),
  };
}
