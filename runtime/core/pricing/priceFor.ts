import { SiloError } from "../errors/siloError.ts";
import { splitModelId } from "../models/catalogue/placeBedrockModel.ts";
import { type ModelPrice, modelPrices } from "./modelPrices.ts";

/** No price is known for a model the tenant is allowed to call: metering refuses rather than guess. */
export class PriceUnknownError extends SiloError {
  constructor(provider: string, modelId: string, day: string) {
    super(
      "PRICE_UNKNOWN",
      `no price for ${provider} model ${modelId} on ${day}; add a row to runtime/core/pricing/modelPrices.ts`,
    );
  }
}

/**
 * The price in force for a model on a UTC day: the row with the latest `effectiveFrom` not after it. A
 * Bedrock model id with a geography prefix (`us.anthropic...`) is priced as its foundation model.
 *
 * @example
 * priceFor("bedrock", "amazon.nova-lite-v1:0", new Date()).outputPer1k; // "0.00024"
 */
export function priceFor(
  provider: string,
  modelId: string,
  at: Date,
  prices: readonly ModelPrice[] = modelPrices,
): ModelPrice {
  const day = at.toISOString().slice(0, 10);
  // A Bedrock cross-Region (geographic) profile is billed as its foundation model.
  const pricedId = provider === "bedrock" ? splitModelId(modelId).foundationModelId : modelId;
  let best: ModelPrice | undefined;
  for (const price of prices) {
    if (price.provider !== provider || price.modelId !== pricedId || price.effectiveFrom > day) continue;
    if (best === undefined || price.effectiveFrom > best.effectiveFrom) best = price;
  }
  if (best === undefined) throw new PriceUnknownError(provider, modelId, day);
  return best;
}
