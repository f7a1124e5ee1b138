import { performance } from "node:perf_hooks";
import { SiloError } from "../errors/siloError.ts";
import type { UsageLedger } from "../ledger/createUsageLedger.ts";
import type { ModelRouter, ModelRouterRequest, ResolvedModel } from "../models/createModelRouter.ts";
import { estimateInputTokens } from "./estimateInputTokens.ts";

/** A model call to meter: the router's request (its `maxTokens` optional) and the operation making it. */
export type MeteredCallInput = Omit<ModelRouterRequest, "maxTokens"> & {
  /** Requested output tokens; the tenant's `limits.maxTokensPerRequest` when undefined. */
  readonly maxTokens?: number | undefined;
  readonly operationId: string;
};

/** What a metered call needs besides its input. */
export interface MeteringDeps {
  readonly router: ModelRouter;
  readonly ledger: UsageLedger;
  readonly maxTokensPerRequest: number;
  readonly signal: AbortSignal;
}

/** The request asks for more output tokens than the tenant's limit. */
export class MaxTokensExceededError extends SiloError {
  /** The request field to change, for OpenAI's `error.param` (`max_completion_tokens` is the same limit). */
  readonly param = "max_tokens";

  constructor(requested: number, limit: number) {
    super(
      "MAX_TOKENS_EXCEEDED",
      `max tokens ${requested} is above this tenant's limit of ${limit} per request; ask for at most ${limit}`,
    );
  }
}

/** A reserved model call: the resolved model, the tokens it may generate and its ledger entry. */
export interface ReservedCall {
  readonly model: ResolvedModel;
  readonly maxTokens: number;
  readonly entryId: string;
  /** Milliseconds the reservation took. */
  readonly reserveMs: number;
}

/**
 * The first phase of every metered model call: resolve the model (nothing written if the tenant may not
 * call it), check the requested tokens against the tenant's limit, then reserve a priced estimate of the
 * whole call (prompt, tool definitions, the most output it may generate) against the month's budget.
 * BUDGET_EXCEEDED or LEDGER_UNAVAILABLE stop here, before any model call.
 */
export async function reserveModelCall(input: MeteredCallInput, deps: MeteringDeps): Promise<ReservedCall> {
  const model = deps.router.resolve(input.modelKey);
  const maxTokens = input.maxTokens ?? deps.maxTokensPerRequest;
  if (maxTokens > deps.maxTokensPerRequest)
    throw new MaxTokensExceededError(maxTokens, deps.maxTokensPerRequest);
  const started = performance.now();
  const format = input.responseFormat;
  const entry = await deps.ledger.reserve({
    requestId: input.requestId,
    operationId: input.operationId,
    modelKey: model.key,
    provider: model.provider,
    providerModelId: model.providerModelId,
    estimatedInputTokens: estimateInputTokens(
      input.messages,
      input.tools,
      format?.type === "json_schema" ? JSON.stringify(format.schema) : "",
    ),
    maxOutputTokens: maxTokens,
  });
  return { model, maxTokens, entryId: entry.id, reserveMs: performance.now() - started };
}

/** The router request of a reserved call: the input without the metering fields, at the granted tokens. */
export function routerRequestOf(input: MeteredCallInput, call: ReservedCall): ModelRouterRequest {
  const { operationId: _operationId, ...request } = input;
  return { ...request, modelKey: call.model.key, maxTokens: call.maxTokens };
}
