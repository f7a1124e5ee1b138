import { describe, expect, it } from "vitest";
import { embeddingRequestBody } from "../../../../../runtime/core/models/openAiCompatible/embeddingRequestBody.ts";
import { embeddingResponseFrom } from "../../../../../runtime/core/models/openAiCompatible/embeddingResponseFrom.ts";

const context = { provider: "openai-compatible", modelKey: "embed" } as const;

function body(indexes: number[], usage: unknown = { prompt_tokens: 7, total_tokens: 7 }): string {
  return JSON.stringify({
    object: "list",
    data: indexes.map((index) => ({ object: "embedding", index, embedding: [index, index + 0.5] })),
    usage,
  });
}

describe("embeddingResponseFrom", () => {
  it("puts the vectors in input order by index, whatever the order of data", () => {
    expect(embeddingResponseFrom(body([2, 0, 1]), 3, context)).toStrictEqual({
      vectors: [
        [0, 0.5],
        [1, 1.5],
        [2, 2.5],
      ],
      inputTokens: 7,
    });
  });

  it.each([
    ["a missing vector", [0, 2], 3, "(data has no vector for input 1)"],
    ["a repeated index", [0, 0], 2, "(data has a repeated index (0) for 2 inputs)"],
    ["an index out of range", [0, 1], 1, "(data has an index out of range (1) for 1 inputs)"],
  ])("refuses %s with MODEL_BAD_RESPONSE", (_case, indexes, inputs, problem) => {
    expect(() => embeddingResponseFrom(body(indexes), inputs, context)).toThrow(problem);
  });

  it.each([
    ["a vector too few", body([0], { prompt_tokens: 7 }), 2],
    [
      "base64 vectors",
      JSON.stringify({ data: [{ index: 0, embedding: "AAAA" }], usage: { prompt_tokens: 7 } }),
      1,
    ],
  ])("refuses %s carrying the input tokens the server bills", (_case, text, inputs) => {
    const error = (() => {
      try {
        embeddingResponseFrom(text, inputs, context);
      } catch (caught) {
        return caught as { code?: string; billedUsage?: unknown };
      }
    })();

    expect(error).toMatchObject({
      code: "MODEL_BAD_RESPONSE",
      billedUsage: { inputTokens: 7, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    });
  });

  it("refuses an answer without usage, which could not be metered", () => {
    expect(() => embeddingResponseFrom(body([0], null), 1, context)).toThrow(
      "(not an embeddings list: usage: ",
    );
  });

  it("refuses base64 vectors, which it never asks for", () => {
    const text = JSON.stringify({ data: [{ index: 0, embedding: "AAAA" }], usage: { prompt_tokens: 1 } });

    expect(() => embeddingResponseFrom(text, 1, context)).toThrow(
      "(not an embeddings list: data.0.embedding: ",
    );
  });
});

describe("embeddingRequestBody", () => {
  it("asks for float vectors of every input, with dimensions and user only when set", () => {
    const request = {
      modelKey: "embed",
      providerModelId: "text-embedding-3-small",
      inputs: ["a", "b"],
      requestId: "r",
    };

    expect(embeddingRequestBody(request)).toStrictEqual({
      model: "text-embedding-3-small",
      input: ["a", "b"],
      encoding_format: "float",
    });
    expect(embeddingRequestBody({ ...request, dimensions: 256, user: "u-1" })).toStrictEqual({
      model: "text-embedding-3-small",
      input: ["a", "b"],
      encoding_format: "float",
      dimensions: 256,
      user: "u-1",
    });
  });
});
