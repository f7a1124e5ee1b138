import { describe, expect, it } from "vitest";
import { converseFinishReason } from "../../../../../runtime/core/models/bedrock/converseFinishReason.ts";

const context = { provider: "bedrock" as const, modelKey: "claude-sonnet" };
const textOnly = { toolCalls: 0, jsonAnswered: false };

describe("converseFinishReason", () => {
  it.each([
    ["end_turn", textOnly, "stop"],
    ["stop_sequence", textOnly, "stop"],
    ["max_tokens", textOnly, "length"],
    ["model_context_window_exceeded", textOnly, "length"],
    ["guardrail_intervened", textOnly, "content_filter"],
    ["content_filtered", textOnly, "content_filter"],
    ["tool_use", { toolCalls: 2, jsonAnswered: false }, "tool_calls"],
    ["end_turn", { toolCalls: 1, jsonAnswered: false }, "tool_calls"],
    ["tool_use", { toolCalls: 0, jsonAnswered: true }, "stop"],
    ["max_tokens", { toolCalls: 1, jsonAnswered: false }, "length"],
  ] as const)("maps %s with %j to %s", (stopReason, shape, expected) => {
    expect(converseFinishReason(stopReason, shape, context)).toBe(expected);
  });

  it.each([
    ["malformed_model_output", 'stopReason "malformed_model_output"'],
    ["tool_use", 'stopReason "tool_use" without a toolUse block'],
    [undefined, "stopReason undefined"],
  ])("refuses %s as a bad response", (stopReason, problem) => {
    expect(() => converseFinishReason(stopReason, textOnly, context)).toThrow(
      `bedrock answered for model "claude-sonnet" with an unusable response (${problem})`,
    );
  });
});
