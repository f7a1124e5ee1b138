import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { EmbeddingRequest } from "../modelTypes.ts";
import type { BedrockCapabilities, BedrockEmbeddingFamily } from "./bedrockCapabilities.ts";

/** Vector lengths Titan Text Embeddings v2 can return. */
export const titanV2Dimensions = [256, 512, 1024] as const;

/** Most texts Cohere Embed v3 takes in one call. */
export const cohereBatchSize = 96;

/** One InvokeModel call of an embeddings request. */
export interface BedrockEmbeddingCall {
  /** The JSON body for InvokeModel. */
  readonly body: string;
  /** Which of the request's inputs this call embeds (a slice, in order). */
  readonly firstInput: number;
  readonly inputCount: number;
}

/**
 * Splits an embeddings request into InvokeModel calls of the model's family: Titan v2 embeds one text per
 * call (`{inputText, dimensions, normalize: true}`); Cohere v3 up to {@link cohereBatchSize} per call as
 * documents for search (`input_type: "search_document"`, the side a retrieval index stores). `dimensions`
 * that the model cannot honour is refused rather than ignored: the vectors would not have the length asked.
 */
export function bedrockEmbeddingCalls(
  request: EmbeddingRequest,
  capabilities: BedrockCapabilities,
): { family: BedrockEmbeddingFamily; calls: BedrockEmbeddingCall[] } {
  const context = { provider: "bedrock" as const, modelKey: request.modelKey };
  const family = capabilities.embeddingFamily;
  if (capabilities.kind !== "embedding" || family === undefined) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "model",
      problem: `${request.providerModelId} is not an embedding model this platform can call (Titan Text Embeddings v2, Cohere Embed v3)`,
      fix: "pick an embedding model from GET /v1/models",
    });
  }
  const calls: BedrockEmbeddingCall[] = [];
  if (family === "titan-v2") {
    const { dimensions } = request;
    if (dimensions !== undefined && !(titanV2Dimensions as readonly number[]).includes(dimensions)) {
      throw new ModelUnsupportedParameterError({
        ...context,
        param: "dimensions",
        problem: `${dimensions} is not a vector length Titan Text Embeddings v2 returns`,
        fix: `send one of ${titanV2Dimensions.join(", ")}, or leave it out for 1024`,
      });
    }
    request.inputs.forEach((inputText, index) => {
      calls.push({
        body: JSON.stringify({
          inputText,
          ...(dimensions === undefined ? {} : { dimensions }),
          normalize: true,
        }),
        firstInput: index,
        inputCount: 1,
      });
    });
    return { family, calls };
  }
  if (request.dimensions !== undefined) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "dimensions",
      problem: `${request.providerModelId} returns vectors of one fixed length`,
      fix: "leave out dimensions",
    });
  }
  for (let first = 0; first < request.inputs.length; first += cohereBatchSize) {
    const texts = request.inputs.slice(first, first + cohereBatchSize);
    calls.push({
      body: JSON.stringify({ texts, input_type: "search_document", embedding_types: ["float"] }),
      firstInput: first,
      inputCount: texts.length,
    });
  }
  return { family, calls };
}
