import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bedrockEmbeddingResult } from "../../../../../runtime/core/models/bedrock/bedrockEmbeddingResult.ts";

const context = { provider: "bedrock" as const, modelKey: "embed" };
const fixture = (name: string) =>
  readFileSync(new URL(`../../../../fixtures/bedrock/invoke-model/${name}.json`, import.meta.url), "utf8");

describe("bedrockEmbeddingResult", () => {
  it("reads Titan's vector and token count", () => {
    const body = JSON.stringify({
      embedding: [0.1, -0.2],
      inputTextTokenCount: 3,
      embeddingsByType: { float: [0.1, -0.2] },
    });

    expect(bedrockEmbeddingResult("titan-v2", body, 1, context)).toStrictEqual({
      vectors: [[0.1, -0.2]],
      inputTokens: 3,
    });
  });

  it("reads Cohere's vectors by type and as a plain list, without a token count", () => {
    const byType = JSON.stringify({
      id: "x",
      embeddings: { float: [[1], [2]] },
      texts: ["a", "b"],
      response_type: "embeddings_by_type",
    });
    const plain = JSON.stringify({
      id: "x",
      embeddings: [[1], [2]],
      texts: ["a", "b"],
      response_type: "embeddings_floats",
    });

    expect(bedrockEmbeddingResult("cohere-v3", byType, 2, context)).toStrictEqual({
      vectors: [[1], [2]],
      inputTokens: undefined,
    });
    expect(bedrockEmbeddingResult("cohere-v3", plain, 2, context).vectors).toEqual([[1], [2]]);
  });

  it.each([
    ["not JSON", "titan-v2", "<html>", "the InvokeModel body is not JSON"],
    [
      "no token count",
      "titan-v2",
      '{"embedding":[1]}',
      "the titan-v2 embeddings body has inputTextTokenCount",
    ],
    ["too few vectors", "cohere-v3", '{"embeddings":[[1]]}', "1 vectors for 2 inputs"],
  ] as const)("refuses %s as a bad response", (_case, family, body, problem) => {
    expect(() => bedrockEmbeddingResult(family, body, family === "titan-v2" ? 1 : 2, context)).toThrow(
      problem,
    );
  });

  it.each([
    ["titan-embed-text-v2", "titan-v2", 1, 7],
    ["cohere-embed-v3-by-type", "cohere-v3", 2, undefined],
    ["cohere-embed-v3-floats", "cohere-v3", 2, undefined],
    ["cohere-embed-v4", "cohere-v4", 2, undefined],
  ] as const)("reads the real-shaped body %s", (name, family, inputCount, inputTokens) => {
    const body = fixture(name);
    const json = JSON.parse(body) as { embedding?: number[]; embeddings: number[][] | { float: number[][] } };
    const expected = json.embedding
      ? [json.embedding]
      : Array.isArray(json.embeddings)
        ? json.embeddings
        : json.embeddings.float;

    const result = bedrockEmbeddingResult(family, body, inputCount, context);

    expect(result).toStrictEqual({ vectors: expected, inputTokens });
  });
});
