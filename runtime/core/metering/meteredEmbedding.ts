import { performance } from "node:perf_hooks";
import type { UsageLedger } from "../ledger/createUsageLedger.ts";
import type { EmbeddingRouterRequest, ModelRouter } from "../models/createModelRouter.ts";
import type { EmbeddingResponse } from "../models/modelTypes.ts";
import { roundMs } from "../time/roundMs.ts";
import { endFailedCall } from "./endFailedCall.ts";

/** What a metered embeddings call produced. */
export interface MeteredEmbedding {
  readonly response: EmbeddingResponse;
  readonly modelKey: string;
  readonly ledgerEntryId: string;
  readonly costUsd: string;
  readonly timings: { readonly reserveMs: number; readonly modelMs: number; readonly settleMs: number };
}

/**
 * Embeds under the same two-phase metering as a chat call: resolve the embedding model -> reserve a
 * priced estimate of the inputs (one token per 3 bytes, deliberately high) -> embed -> settle with the
 * provider's input tokens; a failed call releases the reservation, so nothing is billed, unless the
 * provider reported the input tokens of an answer it could not deliver usably (a bad response carrying
 * `billedUsage`): it bills them, so they are settled, and the error rethrown.
 */
export async function meteredEmbedding(
  input: EmbeddingRouterRequest & { readonly operationId: string },
  deps: { readonly router: ModelRouter; readonly ledger: UsageLedger; readonly signal: AbortSignal },
): Promise<MeteredEmbedding> {
  const model = deps.router.resolve(input.modelKey, "embedding");
  const started = performance.now();
  const entry = await deps.ledger.reserve({
    requestId: input.requestId,
    operationId: input.operationId,
    modelKey: model.key,
    provider: model.provider,
    providerModelId: model.providerModelId,
    estimatedInputTokens: input.inputs.reduce(
      (sum, text) => sum + Math.ceil(Buffer.byteLength(text, "utf8") / 3) + 1,
      0,
    ),
    maxOutputTokens: 0,
  });
  const reserved = performance.now();
  const { operationId: _operationId, ...request } = input;
  let response: EmbeddingResponse;
  try {
    response = await deps.router.embed({ ...request, modelKey: model.key }, deps.signal);
  } catch (error) {
    await endFailedCall(deps.ledger, entry.id, error);
    throw error;
  }
  const answered = performance.now();
  const settled = await deps.ledger.settle(entry.id, {
    inputTokens: response.usage.inputTokens,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  });
  return {
    response,
    modelKey: model.key,
    ledgerEntryId: entry.id,
    costUsd: settled.costUsd,
    timings: {
      reserveMs: roundMs(reserved - started),
      modelMs: roundMs(answered - reserved),
      settleMs: roundMs(performance.now() - answered),
    },
  };
}
