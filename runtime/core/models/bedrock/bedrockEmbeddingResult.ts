import * as z from "zod";
import { ProviderBadResponseError } from "../modelErrors.ts";
import type { BedrockEmbeddingFamily } from "./bedrockCapabilities.ts";

const vector = z.array(z.number()).min(1);

const titanV2Body = z.object({ embedding: vector, inputTextTokenCount: z.int().min(0) });

/** Cohere Embed v3 and v4 (`response_type` `embeddings_floats` or `embeddings_by_type`). */
const cohereBody = z.object({
  // `embeddings` is a plain list without `embedding_types`, an object of lists by type with it.
  embeddings: z.union([z.array(vector), z.object({ float: z.array(vector) })]),
});

/** What one InvokeModel call returned. */
export interface BedrockEmbeddingResult {
  readonly vectors: readonly (readonly number[])[];
  /** The body's own count (Titan); undefined when the family reports none in the body (Cohere). */
  readonly inputTokens: number | undefined;
}

/**
 * Reads an InvokeModel embeddings body of the family, checking it holds `inputCount` vectors. Cohere on
 * Bedrock reports its token count only in the `x-amzn-bedrock-input-token-count` header, which the
 * provider reads.
 */
export function bedrockEmbeddingResult(
  family: BedrockEmbeddingFamily,
  bodyText: string,
  inputCount: number,
  context: { provider: "bedrock"; modelKey: string },
): BedrockEmbeddingResult {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    throw new ProviderBadResponseError({
      ...context,
      problem: "the InvokeModel body is not JSON",
      cause: error,
    });
  }
  const schema = family === "titan-v2" ? titanV2Body : cohereBody;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderBadResponseError({
      ...context,
      problem: `the ${family} embeddings body has ${issue?.path.join(".") || "no expected field"}: ${issue?.message}`,
    });
  }
  const result: BedrockEmbeddingResult =
    "embedding" in parsed.data
      ? { vectors: [parsed.data.embedding], inputTokens: parsed.data.inputTextTokenCount }
      : {
          vectors: Array.isArray(parsed.data.embeddings)
            ? parsed.data.embeddings
            : parsed.data.embeddings.float,
          inputTokens: undefined,
        };
  if (result.vectors.length !== inputCount) {
    throw new ProviderBadResponseError({
      ...context,
      problem: `${result.vectors.length} vectors for ${inputCount} inputs`,
    });
  }
  return result;
}
