import { describe, expect, it } from "vitest";
import { bedrockCapabilitiesOf } from "../../../../../runtime/core/models/bedrock/bedrockCapabilities.ts";
import { bedrockEmbeddingCalls } from "../../../../../runtime/core/models/bedrock/bedrockEmbeddingCalls.ts";
import type { EmbeddingRequest } from "../../../../../runtime/core/models/modelTypes.ts";

function request(overrides: Partial<EmbeddingRequest> = {}): EmbeddingRequest {
  return {
    modelKey: "embed",
    providerModelId: "amazon.titan-embed-text-v2:0",
    inputs: ["one", "two"],
    requestId: "req-1",
    ...overrides,
  };
}

describe("bedrockEmbeddingCalls", () => {
  it("makes one Titan call per input, leaving dimensions out when not asked", () => {
    const { family, calls } = bedrockEmbeddingCalls(
      request(),
      bedrockCapabilitiesOf("amazon.titan-embed-text-v2:0"),
    );

    expect(family).toBe("titan-v2");
    expect(calls).toStrictEqual([
      { body: '{"inputText":"one","normalize":true}', firstInput: 0, inputCount: 1 },
      { body: '{"inputText":"two","normalize":true}', firstInput: 1, inputCount: 1 },
    ]);
  });

  it.each([256, 512, 1024])("passes Titan dimensions %i", (dimensions) => {
    const { calls } = bedrockEmbeddingCalls(
      request({ dimensions }),
      bedrockCapabilitiesOf("amazon.titan-embed-text-v2:0"),
    );

    expect(JSON.parse(calls[0]?.body ?? "")).toStrictEqual({ inputText: "one", dimensions, normalize: true });
  });

  it("batches Cohere inputs by 96", () => {
    const inputs = Array.from({ length: 193 }, (_, i) => `t${i}`);

    const { calls } = bedrockEmbeddingCalls(
      request({ providerModelId: "cohere.embed-english-v3", inputs }),
      bedrockCapabilitiesOf("cohere.embed-english-v3"),
    );

    expect(calls.map((call) => [call.firstInput, call.inputCount])).toEqual([
      [0, 96],
      [96, 96],
      [192, 1],
    ]);
  });

  it.each([
    ["Titan dimensions 100", { dimensions: 100 }, "amazon.titan-embed-text-v2:0", "dimensions"],
    ["Cohere dimensions", { dimensions: 1024 }, "cohere.embed-english-v3", "dimensions"],
    ["Cohere v4 dimensions 768", { dimensions: 768 }, "cohere.embed-v4:0", "dimensions"],
    [
      "a Cohere v3 text over 2,048 characters",
      { inputs: ["ok", "x".repeat(2049)] },
      "cohere.embed-english-v3",
      "input[1]",
    ],
    ["a chat model", {}, "amazon.nova-lite-v1:0", "model"],
    ["an unknown model", {}, "newvendor.embed-v9", "model"],
  ])("refuses %s naming %s", (_case, overrides, modelId, param) => {
    expect(() =>
      bedrockEmbeddingCalls(
        request({ providerModelId: modelId, ...overrides }),
        bedrockCapabilitiesOf(modelId),
      ),
    ).toThrow(expect.objectContaining({ code: "MODEL_UNSUPPORTED_PARAMETER", param }));
  });

  it.each([
    [
      "an empty text",
      ["ok", ""],
      "input[1]",
      "is empty, and amazon.titan-embed-text-v2:0 embeds only non-empty text",
    ],
    [
      "a text over 50,000 characters",
      ["x".repeat(50_001)],
      "input",
      "is 50001 characters long, and amazon.titan-embed-text-v2:0 takes at most 50000",
    ],
  ])("refuses Titan v2 %s, which Titan does not take, naming it", (_case, inputs, param, problem) => {
    let error: { code?: string; param?: string; message?: string } | undefined;
    try {
      bedrockEmbeddingCalls(request({ inputs }), bedrockCapabilitiesOf("amazon.titan-embed-text-v2:0"));
    } catch (thrown) {
      error = thrown as typeof error;
    }

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param });
    expect(error?.message).toContain(`${param}: ${problem} for model "embed" (bedrock)`);
  });

  it("lets Titan v2 take a text of exactly 50,000 characters", () => {
    const { calls } = bedrockEmbeddingCalls(
      request({ inputs: ["x".repeat(50_000)] }),
      bedrockCapabilitiesOf("amazon.titan-embed-text-v2:0"),
    );

    expect(calls).toHaveLength(1);
  });

  it.each([256, 512, 1024, 1536])("passes Cohere v4 dimensions %i as output_dimension", (dimensions) => {
    const { family, calls } = bedrockEmbeddingCalls(
      request({ providerModelId: "cohere.embed-v4:0", dimensions }),
      bedrockCapabilitiesOf("cohere.embed-v4:0"),
    );

    expect(family).toBe("cohere-v4");
    expect(JSON.parse(calls[0]?.body ?? "")).toStrictEqual({
      texts: ["one", "two"],
      input_type: "search_document",
      embedding_types: ["float"],
      output_dimension: dimensions,
    });
  });

  it("lets Cohere v3 take a text of exactly 2,048 characters, and v4 a longer one", () => {
    const v3 = bedrockEmbeddingCalls(
      request({ providerModelId: "cohere.embed-english-v3", inputs: ["x".repeat(2048)] }),
      bedrockCapabilitiesOf("cohere.embed-english-v3"),
    );
    const v4 = bedrockEmbeddingCalls(
      request({ providerModelId: "us.cohere.embed-v4:0", inputs: ["x".repeat(10_000)] }),
      bedrockCapabilitiesOf("us.cohere.embed-v4:0"),
    );

    expect([v3.calls.length, v4.calls.length]).toEqual([1, 1]);
  });

  it("names the fix for a Cohere v3 text that is too long", () => {
    expect(() =>
      bedrockEmbeddingCalls(
        request({ providerModelId: "cohere.embed-english-v3", inputs: ["x".repeat(3000)] }),
        bedrockCapabilitiesOf("cohere.embed-english-v3"),
      ),
    ).toThrow(
      'input: is 3000 characters long, and cohere.embed-english-v3 takes at most 2048 for model "embed" (bedrock); split the text into chunks of at most 2048 characters, or use an embedding model with a longer input (Cohere Embed v4, Titan Text Embeddings v2)',
    );
  });
});
