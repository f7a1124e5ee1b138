import type { ModelPrice } from "../pricing/modelPrices.ts";
import { scaledDecimal } from "./scaledDecimal.ts";

/** Prices and markups are read at this many places: more than `numeric(18, 9)` and `numeric(9, 4)` hold. */
const scale = 18;
const unit = 10n ** BigInt(scale);
/** cost x 10^6 = S x F / (10^18 x 10^18 x 1000 x 100) x 10^6, with S and F below scaled by 10^18. */
const microDivisor = (unit * unit * 100_000n) / 1_000_000n;

/**
 * The most the ledger can estimate for a call, in whole micro-dollars (10^-6 USD): silo_reserve's sum,
 * `(input tokens x input price + output tokens x output price) / 1000 x (1 + markup / 100)`, computed
 * exactly and rounded up where the ledger rounds half up, so its estimate is never above this bound.
 * Budget leases draw calls down by it (createLeasedLedger.ts).
 *
 * @example
 * callCostBoundMicroUsd(1000, 500, { inputPer1k: "0.00006", outputPer1k: "0.00024" }, "10.0000"); // 198n
 */
export function callCostBoundMicroUsd(
  estimatedInputTokens: number,
  maxOutputTokens: number,
  price: Pick<ModelPrice, "inputPer1k" | "outputPer1k">,
  markupPercent: string,
): bigint {
  const tokens = (count: number) => {
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`token count ${count} is not a whole number`);
    return BigInt(count);
  };
  const sum =
    tokens(estimatedInputTokens) * scaledDecimal(price.inputPer1k, scale) +
    tokens(maxOutputTokens) * scaledDecimal(price.outputPer1k, scale);
  const factor = 100n * unit + scaledDecimal(markupPercent, scale);
  const product = sum * factor;
  return (product + microDivisor - 1n) / microDivisor;
}
