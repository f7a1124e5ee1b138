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

/** The request asks for more output tokens than the tenant's limit (for all its choices together). */
export class MaxTokensExceededError extends SiloError {
  /**
   * The request field to change, for OpenAI's `error.param` (`max_completion_tokens` is the same limit):
   * `n` when the limit cannot give each choice even one token.
   */
  readonly param: "max_tokens" | "n";

  constructor(requested: number, limit: number, choices = 1) {
    const tooManyChoices = choices > limit;
    super(
      "MAX_TOKENS_EXCEEDED",
      tooManyChoices
        ? `n = ${choices} choices need at least ${choices} tokens, one each, above this tenant's limit of ${limit} per request; ask for at most ${limit} choices`
        : choices === 1
          ? `max tokens ${requested} is above this tenant's limit of ${limit} per request; ask for at most ${limit}`
          : `max tokens ${requested} for each of n = ${choices} choices (${requested * choices} in all) is above this tenant's limit of ${limit} per request; ask for at most ${Math.floor(limit / choices)} each, or for fewer choices`,
    );
    this.param = tooManyChoices ? "n" : "max_tokens";
  }
}

/** A reserved model call: the resolved model, the tokens it may generate and its ledger entry. */
export interface ReservedCall {
  readonly model: ResolvedModel;
  /** Output tokens each choice may generate. */
  readonly maxTokens: number;
  /** Output tokens the whole call may generate: `maxTokens` for each of its `n` choices. */
  readonly maxOutputTokens: number;
  readonly entryId: string;
  /** Milliseconds the reservation took. */
  readonly reserveMs: number;
}

/**
 * The first phase of every metered model call: resolve the model (nothing written if the tenant may not
 * call it), check the requested tokens against the tenant's limit (`n` choices of `maxTokens` each count
 * `n` times; without `maxTokens`, each choice gets an n-th of the limit), then reserve a priced estimate of
 * the whole call (prompt, tool definitions, the most output all its choices may generate) against the
 * month's budget.
 * BUDGET_EXCEEDED or LEDGER_UNAVAILABLE stop here, before any model call.
 */
export async function reserveModelCall(input: MeteredCallInput, deps: MeteringDeps): Promise<ReservedCall> {
  const model = deps.router.resolve(input.modelKey);
  const choices = input.n ?? 1;
  // The tenant's limit bounds the whole call: with n choices, each may have an n-th of it.
  const maxTokens = input.maxTokens ?? Math.floor(deps.maxTokensPerRequest / choices);
  if (maxTokens * choices > deps.maxTokensPerRequest || maxTokens < 1)
    throw new MaxTokensExceededError(Math.max(maxTokens, 1), deps.maxTokensPerRequest, choices);
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
    maxOutputTokens: maxTokens * choices,
  });
  return {
    model,
    maxTokens,
    maxOutputTokens: maxTokens * choices,
    entryId: entry.id,
    reserveMs: performance.now() - started,
  };
}

/** The router request of a reserved call: the input without the metering fields, at the granted tokens. */
export function routerRequestOf(input: MeteredCallInput, call: ReservedCall): ModelRouterRequest {
  const { operationId: _operationId, ...request } = input;
  return {
    ...request,
    modelKey: call.model.key,
    maxTokens: call.maxTokens,
    ...(input.maxTokens === undefined ? { maxTokensIsDefault: true } : {}),
  };
}
