import * as z from "zod";
import { ProviderBadResponseError, type ProviderErrorContext } from "../modelErrors.ts";
import type { ModelUsage } from "../modelTypes.ts";

const tokenCount = z.int().min(0);

/** The fields of an OpenAI `usage` object this provider reads; others (e.g. `total_tokens`) are ignored. */
export const wireUsage = z.object({
  prompt_tokens: tokenCount,
  completion_tokens: tokenCount,
  prompt_tokens_details: z.object({ cached_tokens: tokenCount.nullish() }).nullish(),
});

export type WireUsage = z.infer<typeof wireUsage>;

/**
 * {@link ModelUsage} from OpenAI's usage, whose `prompt_tokens` include the cached ones: they are counted
 * apart (`inputTokens` = prompt - cached) so each is priced once at its own rate. Reasoning tokens are
 * already in `completion_tokens`. OpenAI reports no cache writes.
 *
 * @example
 * usageFrom({ prompt_tokens: 2000, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 1536 } }, context);
 * // { inputTokens: 464, outputTokens: 10, cacheReadTokens: 1536, cacheWriteTokens: 0 }
 */
export function usageFrom(usage: WireUsage, context: ProviderErrorContext): ModelUsage {
  const cachedTokens = usage.prompt_tokens_details?.cached_tokens ?? 0;
  if (cachedTokens > usage.prompt_tokens) {
    throw new ProviderBadResponseError({
      ...context,
      problem: `usage.prompt_tokens_details.cached_tokens (${cachedTokens}) exceeds usage.prompt_tokens (${usage.prompt_tokens})`,
    });
  }
  return {
    inputTokens: usage.prompt_tokens - cachedTokens,
    outputTokens: usage.completion_tokens,
    cacheReadTokens: cachedTokens,
    cacheWriteTokens: 0,
  };
}
