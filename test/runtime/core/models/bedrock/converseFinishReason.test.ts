import { StopReason } from "@aws-sdk/client-bedrock-runtime";
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
    ["malformed_model_output", `stopReason "malformed_model_output": the model's output could not be parsed`],
    ["malformed_tool_use", `stopReason "malformed_tool_use": the model's tool call could not be parsed`],
    ["tool_use", 'stopReason "tool_use" without a toolUse block'],
    ["some_future_reason", 'stopReason "some_future_reason" (not a stop reason this platform knows)'],
    [undefined, "stopReason undefined (not a stop reason this platform knows)"],
  ])("refuses %s as a bad response", (stopReason, problem) => {
    expect(() => converseFinishReason(stopReason, textOnly, context)).toThrow(
      `bedrock answered for model "claude-sonnet" with an unusable response (${problem})`,
    );
  });

  it("has a rule for every stop reason the SDK lists: a finish reason, or a bad response it names", () => {
    const outcomes = Object.values(StopReason).map((stopReason) => {
      try {
        return [stopReason, converseFinishReason(stopReason, { toolCalls: 1, jsonAnswered: false }, context)];
      } catch (error) {
        return [stopReason, (error as Error).message.includes("not a stop reason") ? "unknown" : "error"];
      }
    });

    expect(Object.fromEntries(outcomes)).toStrictEqual({
      content_filtered: "content_filter",
      end_turn: "tool_calls",
      guardrail_intervened: "content_filter",
      malformed_model_output: "error",
      malformed_tool_use: "error",
      max_tokens: "length",
      model_context_window_exceeded: "length",
      stop_sequence: "tool_calls",
      tool_use: "tool_calls",
    });
  });
});
