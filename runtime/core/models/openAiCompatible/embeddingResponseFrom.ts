import * as z from "zod";
import { ProviderBadResponseError, type ProviderErrorContext } from "../modelErrors.ts";
import type { ModelUsage } from "../modelTypes.ts";
import { parseWireJson } from "./parseWireJson.ts";

/** The fields of an OpenAI embeddings list this provider reads; others are ignored. */
const embeddingsBody = z.object({
  data: z.array(z.object({ index: z.int().min(0), embedding: z.array(z.number()) })),
  usage: z.object({ prompt_tokens: z.int().min(0) }),
});

/** The vectors and input tokens of an embeddings answer. */
export interface EmbeddingAnswer {
  readonly vectors: readonly (readonly number[])[];
  readonly inputTokens: number;
}

/**
 * The vectors of an OpenAI embeddings body, put in input order by their `index` (the order of `data` is not
 * promised). Exactly one vector per input, indexes 0 to n-1 each once, else `MODEL_BAD_RESPONSE` carrying
 * the body's input tokens, when it reports them, as the usage the server bills; so is a body without
 * `usage.prompt_tokens`, which could not be metered.
 *
 * @example
 * embeddingResponseFrom('{"data":[{"index":0,"embedding":[0.1,0.2]}],"usage":{"prompt_tokens":3}}', 1, context);
 * // { vectors: [[0.1, 0.2]], inputTokens: 3 }
 */
export function embeddingResponseFrom(
  text: string,
  inputCount: number,
  context: ProviderErrorContext,
): EmbeddingAnswer {
  const { data, usage } = parseWireJson(text, embeddingsBody, "an embeddings list", context, billedUsageIn);
  const billed = { ...context, billedUsage: billedUsageOf(usage.prompt_tokens) };
  const vectors: (readonly number[] | undefined)[] = Array.from({ length: inputCount });
  for (const item of data) {
    if (item.index >= inputCount || vectors[item.index] !== undefined) {
      throw new ProviderBadResponseError({
        ...billed,
        problem: `data has ${item.index >= inputCount ? "an index out of range" : "a repeated index"} (${item.index}) for ${inputCount} inputs`,
      });
    }
    vectors[item.index] = item.embedding;
  }
  const missing = vectors.indexOf(undefined);
  if (missing !== -1) {
    throw new ProviderBadResponseError({ ...billed, problem: `data has no vector for input ${missing}` });
  }
  return { vectors: vectors as (readonly number[])[], inputTokens: usage.prompt_tokens };
}

/** The usage of an unusable embeddings body, when it reports its input tokens: the server bills them. */
function billedUsageIn(json: unknown): ModelUsage | undefined {
  const parsed = z.object({ usage: embeddingsBody.shape.usage }).safeParse(json);
  return parsed.success ? billedUsageOf(parsed.data.usage.prompt_tokens) : undefined;
}

function billedUsageOf(inputTokens: number): ModelUsage {
  return { inputTokens, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}
