import type { TokenUsage } from "@aws-sdk/client-bedrock-runtime";
import { ProviderBadResponseError } from "../modelErrors.ts";
import type { ModelUsage } from "../modelTypes.ts";

/**
 * The usage of a Converse answer (`usage`) or stream (`metadata.usage`). Converse reports `inputTokens`
 * without the cache reads and writes, so the four counts map one to one onto the non-overlapping
 * {@link ModelUsage}; absent cache counts are 0. A count that is not a whole non-negative number is a bad
 * response: the ledger is never settled with a number it cannot price.
 */
export function converseUsage(
  usage: TokenUsage | undefined,
  context: { provider: "bedrock"; modelKey: string },
): ModelUsage {
  const count = (field: string, value: number | undefined, required: boolean): number => {
    if (value === undefined && !required) return 0;
    if (Number.isSafeInteger(value) && (value ?? -1) >= 0) return value ?? 0;
    throw new ProviderBadResponseError({ ...context, problem: `usage.${field} is ${JSON.stringify(value)}` });
  };
  return {
    inputTokens: count("inputTokens", usage?.inputTokens, true),
    outputTokens: count("outputTokens", usage?.outputTokens, true),
    cacheReadTokens: count("cacheReadInputTokens", usage?.cacheReadInputTokens, false),
    cacheWriteTokens: count("cacheWriteInputTokens", usage?.cacheWriteInputTokens, false),
  };
}
