import { describe, expect, it } from "vitest";
import { bedrockCapabilitiesOf } from "../../../../../runtime/core/models/bedrock/bedrockCapabilities.ts";
import { converseInferenceConfig } from "../../../../../runtime/core/models/bedrock/converseInferenceConfig.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import { bedrockRequest as request } from "../support/bedrockRequest.ts";

const claude = bedrockCapabilitiesOf("anthropic.claude-sonnet-4-20250514-v1:0");

describe("converseInferenceConfig", () => {
  it("passes maxTokens, temperature, topP and stop sequences within Converse's ranges", () => {
    const config = converseInferenceConfig(
      request({ maxTokens: 100, temperature: 1, topP: 0.9, stop: ["END"] }),
      claude,
    );

    expect(config).toStrictEqual({ maxTokens: 100, temperature: 1, topP: 0.9, stopSequences: ["END"] });
  });

  it("passes temperature 0", () => {
    expect(converseInferenceConfig(request({ temperature: 0 }), claude).temperature).toBe(0);
  });

  it("refuses a temperature above 1, Converse's maximum, naming temperature", () => {
    // Prepare: OpenAI takes 0 to 2, Converse's InferenceConfiguration 0 to 1 (a ValidationException).
    let error: (ModelError & { param?: string }) | undefined;

    // Act
    try {
      converseInferenceConfig(request({ temperature: 1.2 }), claude);
    } catch (thrown) {
      error = thrown as ModelError & { param?: string };
    }

    // Assess
    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "temperature" });
    expect(error?.message).toBe(
      'temperature: 1.2 is above 1, the highest temperature Bedrock takes (its range is 0 to 1, OpenAI\'s 0 to 2) for model "claude-sonnet" (bedrock); send a temperature from 0 to 1 (half the OpenAI value is the same share of the range)',
    );
  });

  it.each([
    ["amazon.titan-text-premier-v1:0", 3072],
    ["amazon.titan-text-express-v1", 8192],
    ["amazon.titan-text-lite-v1", 4096],
  ])(
    "refuses max_tokens above %s's documented maximum of %i, and takes it at the maximum",
    (modelId, maximum) => {
      // Prepare
      const capabilities = bedrockCapabilitiesOf(modelId);
      let error: (ModelError & { param?: string }) | undefined;

      // Act
      const atMaximum = converseInferenceConfig(
        request({ providerModelId: modelId, maxTokens: maximum }),
        capabilities,
      );
      try {
        converseInferenceConfig(request({ providerModelId: modelId, maxTokens: maximum + 1 }), capabilities);
      } catch (thrown) {
        error = thrown as ModelError & { param?: string };
      }

      // Assess
      expect(atMaximum.maxTokens).toBe(maximum);
      expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "max_tokens" });
      expect(error?.message).toBe(
        `max_tokens: ${maximum + 1} is more output tokens than ${modelId} takes (${maximum}) for model "claude-sonnet" (bedrock); send max_tokens of at most ${maximum}, or leave it out for the model's maximum`,
      );
    },
  );

  it("lowers the tenant's default max tokens (the app sent none) to the model's maximum instead of refusing", () => {
    const premier = "amazon.titan-text-premier-v1:0";

    const config = converseInferenceConfig(
      request({ providerModelId: premier, maxTokens: 4096, maxTokensIsDefault: true }),
      bedrockCapabilitiesOf(premier),
    );

    expect(config.maxTokens).toBe(3072);
  });

  it("sends any max_tokens to a model whose maximum is not recorded, for Bedrock to judge", () => {
    expect(converseInferenceConfig(request({ maxTokens: 1_000_000 }), claude).maxTokens).toBe(1_000_000);
  });
});
