import type { ModelPrice } from "../pricing/modelPrices.ts";
import type { ReserveInput } from "./reserveInput.ts";

/**
 * The values of a call's ledger row that `silo_reserve` and `silo_reserve_leased` take after their own
 * leading parameters, in their order: the call, its price in force and the reservation's deadline.
 */
export function callRowValues(input: ReserveInput, price: ModelPrice, expiresAt: Date): unknown[] {
  return [
    input.requestId,
    input.operationId,
    input.modelKey,
    input.provider,
    input.providerModelId,
    input.estimatedInputTokens,
    input.maxOutputTokens,
    price.inputPer1k,
    price.outputPer1k,
    price.cacheReadPer1k,
    price.cacheWritePer1k,
    expiresAt.toISOString(),
  ];
}
