import type { ConverseCommandOutput } from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
import { converseResponse } from "../../../../../runtime/core/models/bedrock/converseResponse.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelRequest } from "../../../../../runtime/core/models/modelTypes.ts";

const request: ModelRequest = {
  modelKey: "claude-sonnet",
  providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
  messages: [{ role: "user", content: "Weather in Paris and Oslo?" }],
  maxTokens: 256,
  requestId: "req-1",
};
const textPlan = { jsonToolName: undefined, singleToolCall: false };
const jsonPlan = { jsonToolName: "json_response", singleToolCall: false };

/** Two parallel calls, as Claude answers them: a short preamble, then one toolUse block per call. */
const twoCalls: ConverseCommandOutput = {
  output: {
    message: {
      role: "assistant",
      content: [
        { text: "I'll check both." },
        { toolUse: { toolUseId: "tooluse_a1", name: "get_weather", input: { city: "Paris" } } },
        { toolUse: { toolUseId: "tooluse_b2", name: "get_weather", input: { city: "Oslo" } } },
      ],
    },
  },
  stopReason: "tool_use",
  usage: { inputTokens: 400, outputTokens: 90, totalTokens: 1490, cacheReadInputTokens: 1000 },
  metrics: { latencyMs: 900 },
  $metadata: { httpStatusCode: 200 },
};

describe("converseResponse", () => {
  it("returns parallel tool calls with their input as JSON text, finish reason tool_calls", () => {
    // Act
    const response = converseResponse(twoCalls, request, textPlan, 12);

    // Assess
    expect(response).toStrictEqual({
      content: "I'll check both.",
      toolCalls: [
        { id: "tooluse_a1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { id: "tooluse_b2", name: "get_weather", arguments: '{"city":"Oslo"}' },
      ],
      finishReason: "tool_calls",
      usage: { inputTokens: 400, outputTokens: 90, cacheReadTokens: 1000, cacheWriteTokens: 0 },
      provider: "bedrock",
      providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
      latencyMs: 12,
    });
  });

  it("returns only the first call when parallel tool calls are off", () => {
    const response = converseResponse(twoCalls, request, { ...textPlan, singleToolCall: true }, 12);

    expect(response.toolCalls.map((call) => call.id)).toEqual(["tooluse_a1"]);
    expect(response.usage.outputTokens).toBe(90);
  });

  it("returns the JSON tool's input as the content with finish reason stop", () => {
    const output: ConverseCommandOutput = {
      ...twoCalls,
      output: {
        message: {
          role: "assistant",
          content: [{ toolUse: { toolUseId: "tooluse_j", name: "json_response", input: { answer: "42" } } }],
        },
      },
    };

    const response = converseResponse(output, request, jsonPlan, 12);

    expect(response).toMatchObject({ content: '{"answer":"42"}', toolCalls: [], finishReason: "stop" });
  });

  it("returns the caller's tool calls, not the JSON, when the model called a tool in JSON mode", () => {
    const response = converseResponse(twoCalls, request, jsonPlan, 12);

    expect(response).toMatchObject({ content: "", finishReason: "tool_calls" });
    expect(response.toolCalls).toHaveLength(2);
  });

  it("refuses a toolUse block without an id", () => {
    const output: ConverseCommandOutput = {
      ...twoCalls,
      output: {
        message: {
          role: "assistant",
          content: [{ toolUse: { name: "x", input: {}, toolUseId: undefined } }],
        },
      },
    };

    let error: ModelError | undefined;
    try {
      converseResponse(output, request, textPlan, 12);
    } catch (caught) {
      error = caught as ModelError;
    }

    expect(error?.code).toBe("MODEL_BAD_RESPONSE");
    expect(error?.message).toContain("(a toolUse block without toolUseId or name)");
  });
});
