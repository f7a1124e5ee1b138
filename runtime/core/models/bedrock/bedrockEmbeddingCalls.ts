import { ModelUnsupportedParameterError } from "../modelErrors.ts";
import type { EmbeddingRequest } from "../modelTypes.ts";
import type { BedrockCapabilities, BedrockEmbeddingFamily } from "./bedrockCapabilities.ts";

/**
 * Vector lengths Titan Text Embeddings v2 can return (`dimensions`).
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 */
export const titanV2Dimensions = [256, 512, 1024] as const;

/**
 * Vector lengths Cohere Embed v4 can return (`output_dimension`, default 1536).
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html
 */
export const cohereV4Dimensions = [256, 512, 1024, 1536] as const;

/**
 * Most texts Cohere Embed v3 and v4 take in one call.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html
 */
export const cohereBatchSize = 96;

/**
 * Longest text Cohere Embed v3 takes on Bedrock, in characters; Bedrock refuses a longer one.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html
 */
export const cohereV3MaxCharacters = 2048;

/**
 * Longest text Titan Text Embeddings v2 takes, in characters (and at most 8,192 tokens); it also refuses an
 * empty one ("a non-empty string of up to 8,192 tokens or 50,000 characters").
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html
 */
export const titanV2MaxCharacters = 50_000;

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
 * call (`{inputText, dimensions, normalize: true}`); Cohere v3 and v4 up to {@link cohereBatchSize} per call
 * as documents for search (`input_type: "search_document"`, the side a retrieval index stores) with float
 * vectors, v4 with `output_dimension`. `dimensions` the model cannot honour, and a text Titan v2 or Cohere v3
 * does not take (empty, or too long), are refused rather than sent: the vectors would not have the length asked, and Bedrock would refuse
 * the text less clearly.
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
      problem: `${request.providerModelId} is not an embedding model this platform can call (Titan Text Embeddings v2, Cohere Embed v3 or v4)`,
      fix: "pick an embedding model from GET /v1/models",
    });
  }
  const { dimensions } = request;
  const lengths =
    family === "titan-v2" ? titanV2Dimensions : family === "cohere-v4" ? cohereV4Dimensions : [];
  if (dimensions !== undefined && !(lengths as readonly number[]).includes(dimensions)) {
    throw new ModelUnsupportedParameterError({
      ...context,
      param: "dimensions",
      ...(lengths.length === 0
        ? {
            problem: `${request.providerModelId} returns vectors of one fixed length`,
            fix: "leave out dimensions",
          }
        : {
            problem: `${dimensions} is not a vector length ${request.providerModelId} returns`,
            fix: `send one of ${lengths.join(", ")}, or leave it out for ${lengths.at(-1)}`,
          }),
    });
  }
  if (family === "titan-v2") {
    const refused = request.inputs.findIndex((text) => text === "" || text.length > titanV2MaxCharacters);
    if (refused >= 0) {
      const text = request.inputs[refused] ?? "";
      throw new ModelUnsupportedParameterError({
        ...context,
        param: request.inputs.length === 1 ? "input" : `input[${refused}]`,
        ...(text === ""
          ? {
              problem: `is empty, and ${request.providerModelId} embeds only non-empty text`,
              fix: "leave the empty text out",
            }
          : {
              problem: `is ${text.length} characters long, and ${request.providerModelId} takes at most ${titanV2MaxCharacters}`,
              fix: `split the text into chunks of at most ${titanV2MaxCharacters} characters (and 8,192 tokens)`,
            }),
      });
    }
    const calls = request.inputs.map((inputText, index) => ({
      body: JSON.stringify({
        inputText,
        ...(dimensions === undefined ? {} : { dimensions }),
        normalize: true,
      }),
      firstInput: index,
      inputCount: 1,
    }));
    return { family, calls };
  }
  if (family === "cohere-v3") {
    const tooLong = request.inputs.findIndex((text) => text.length > cohereV3MaxCharacters);
    if (tooLong >= 0) {
      throw new ModelUnsupportedParameterError({
        ...context,
        param: request.inputs.length === 1 ? "input" : `input[${tooLong}]`,
        problem: `is ${request.inputs[tooLong]?.length} characters long, and ${request.providerModelId} takes at most ${cohereV3MaxCharacters}`,
        fix: `split the text into chunks of at most ${cohereV3MaxCharacters} characters, or use an embedding model with a longer input (Cohere Embed v4, Titan Text Embeddings v2)`,
      });
    }
  }
  const calls: BedrockEmbeddingCall[] = [];
  for (let first = 0; first < request.inputs.length; first += cohereBatchSize) {
    const texts = request.inputs.slice(first, first + cohereBatchSize);
    calls.push({
      body: JSON.stringify({
        texts,
        input_type: "search_document",
        embedding_types: ["float"],
        ...(dimensions === undefined ? {} : { output_dimension: dimensions }),
      }),
      firstInput: first,
      inputCount: texts.length,
    });
  }
  return { family, calls };
}
