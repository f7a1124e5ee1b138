import { performance } from "node:perf_hooks";
import { SiloError } from "../errors/siloError.ts";
import type { UsageLedger } from "../ledger/createUsageLedger.ts";
import type { ModelRouter } from "../models/createModelRouter.ts";
import type { ModelMessage, ModelResponse } from "../models/modelTypes.ts";
import { roundMs } from "../time/roundMs.ts";
import { estimateInputTokens } from "./estimateInputTokens.ts";

/** A model call to meter. */
export interface MeteredCompletionInput {
  /** The tenant's model key; undefined means its default model. */
  readonly modelKey?: string | undefined;
  readonly messages: readonly ModelMessage[];
  /** Requested output tokens; the tenant's `limits.maxTokensPerRequest` when undefined. */
  readonly maxTokens?: number | undefined;
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  readonly stop?: readonly string[] | undefined;
  readonly requestId: string;
  readonly operationId: string;
}

/**
 * Milliseconds each phase of a metered call took, for the request's log line. A type alias rather than an
 * interface, so it is assignable to `OperationResult.timings`'s index signature.
 */
export type MeteringTimings = {
  readonly reserveMs: number;
  readonly modelMs: number;
  readonly settleMs: number;
};

/** What a metered call produced: the response, its settled ledger entry, and how long each phase took. */
export interface MeteredCompletion {
  readonly response: ModelResponse;
  readonly modelKey: string;
  readonly ledgerEntryId: string;
  readonly costUsd: string;
  readonly timings: MeteringTimings;
}

/** The request asks for more output tokens than the tenant's limit. */
export class MaxTokensExceededError extends SiloError {
  constructor(requested: number, limit: number) {
    super(
      "MAX_TOKENS_EXCEEDED",
      `max tokens ${requested} is above this tenant's limit of ${limit} per request; ask for at most ${limit}`,
    );
  }
}

/**
 * Calls a model under two-phase metering, in the only order that never loses a usage record:
 * resolve the model (nothing written if the tenant may not call it) -> reserve a priced estimate against
 * the month's budget (BUDGET_EXCEEDED or LEDGER_UNAVAILABLE stop here, before any model call) -> call the
 * model -> settle with the provider-reported tokens. A failed call releases the reservation and rethrows,
 * so nothing is billed. A settle that fails leaves the reservation for the sweeper and fails the request:
 * no ledger row, no response.
 *
 * @example
 * const { response, costUsd } = await meteredCompletion(input, { router, ledger, maxTokensPerRequest: 4096, signal });
 */
export async function meteredCompletion(
  input: MeteredCompletionInput,
  deps: {
    readonly router: ModelRouter;
    readonly ledger: UsageLedger;
    readonly maxTokensPerRequest: number;
    readonly signal: AbortSignal;
  },
): Promise<MeteredCompletion> {
  const model = deps.router.resolve(input.modelKey);
  const maxTokens = input.maxTokens ?? deps.maxTokensPerRequest;
  if (maxTokens > deps.maxTokensPerRequest)
    throw new MaxTokensExceededError(maxTokens, deps.maxTokensPerRequest);

  const started = performance.now();
  const entry = await deps.ledger.reserve({
    requestId: input.requestId,
    operationId: input.operationId,
    modelKey: model.key,
    provider: model.provider,
    providerModelId: model.providerModelId,
    estimatedInputTokens: estimateInputTokens(input.messages),
    maxOutputTokens: maxTokens,
  });

  const reserved = performance.now();
  let response: ModelResponse;
  try {
    response = await deps.router.complete(
      {
        modelKey: model.key,
        messages: input.messages,
        maxTokens,
        temperature: input.temperature,
        topP: input.topP,
        stop: input.stop,
        requestId: input.requestId,
      },
      deps.signal,
    );
  } catch (error) {
    await deps.ledger
      .release(entry.id, (error as { code?: string }).code ?? "MODEL_CALL_FAILED")
      .catch(() => {
        // The sweeper expires a reservation that could not be released; the model error is what the caller needs.
      });
    throw error;
  }
  const answered = performance.now();
  const settled = await deps.ledger.settle(entry.id, response.usage);
  const timings = {
    reserveMs: roundMs(reserved - started),
    modelMs: roundMs(answered - reserved),
    settleMs: roundMs(performance.now() - answered),
  };
  return { response, modelKey: model.key, ledgerEntryId: entry.id, costUsd: settled.costUsd, timings };
}
