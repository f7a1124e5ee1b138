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
});
