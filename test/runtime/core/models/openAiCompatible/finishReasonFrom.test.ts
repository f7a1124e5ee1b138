import { describe, expect, it } from "vitest";
import { finishReasonFrom } from "../../../../../runtime/core/models/openAiCompatible/finishReasonFrom.ts";

describe("finishReasonFrom", () => {
  it.each([
    ["stop", false, false, "stop"],
    ["length", false, false, "length"],
    ["content_filter", false, false, "content_filter"],
    ["tool_calls", true, false, "tool_calls"],
    ["function_call", true, false, "tool_calls"],
    ["stop", true, false, "tool_calls"],
    [null, false, false, "stop"],
    [undefined, false, false, "stop"],
    ["eos_token", false, false, "stop"],
    ["stop", false, true, "content_filter"],
    ["length", true, false, "length"],
  ] as const)("maps %j (tools called: %s, refused: %s) to %s", (wire, calledTools, refused, expected) => {
    expect(finishReasonFrom(wire, { calledTools, refused })).toBe(expected);
  });
});
