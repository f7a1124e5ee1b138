import type { RequestContext } from "../operation.ts";
import type { ChatDeps } from "./chatDeps.ts";

const defaultModelCallTimeoutMs = 28_000;
const defaultStreamTimeoutMs = 600_000;

/**
 * What a metered model call takes from the chat group's dependencies: the call's own timeout (longer for
 * a stream, which sends as it goes), joined with the caller's signal so a client that goes away stops it.
 */
export function modelCallDeps(deps: ChatDeps, context: RequestContext, streaming = false) {
  const timeout = AbortSignal.timeout(
    streaming
      ? (deps.streamTimeoutMs ?? defaultStreamTimeoutMs)
      : (deps.modelCallTimeoutMs ?? defaultModelCallTimeoutMs),
  );
  return {
    router: deps.router,
    ledger: deps.ledger,
    maxTokensPerRequest: deps.tenant.limits.maxTokensPerRequest,
    signal: context.signal === undefined ? timeout : AbortSignal.any([timeout, context.signal]),
  };
}
