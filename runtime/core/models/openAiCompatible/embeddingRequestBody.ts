import type { EmbeddingRequest } from "../modelTypes.ts";

/**
 * The OpenAI `/embeddings` body for an {@link EmbeddingRequest}. Always `encoding_format: "float"`: the
 * vectors come back as JSON numbers, read exactly, so no base64 variant has to be decoded (OpenAI's own SDK
 * asks for base64 unless told otherwise; some compatible servers support only float).
 *
 * @example
 * embeddingRequestBody({ providerModelId: "text-embedding-3-small", inputs: ["a", "b"], ... });
 * // { model: "text-embedding-3-small", input: ["a", "b"], encoding_format: "float" }
 */
export function embeddingRequestBody(request: EmbeddingRequest): Record<string, unknown> {
  return {
    model: request.providerModelId,
    input: request.inputs,
    encoding_format: "float",
    ...(request.dimensions === undefined ? {} : { dimensions: request.dimensions }),
    ...(request.user === undefined ? {} : { user: request.user }),
  };
}
