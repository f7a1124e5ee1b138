import { describe, expect, it } from "vitest";
import { answerEvents } from "../../../../../runtime/core/models/openAiCompatible/answerEvents.ts";

const usage = { inputTokens: 5, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 };

describe("answerEvents", () => {
  it("gives the text, each tool call whole, then the finish", () => {
    const events = [
      ...answerEvents({
        content: "Let me check.",
        toolCalls: [
          { id: "call_a", name: "get_weather", arguments: '{"city":"Oslo"}' },
          { id: "call_b", name: "now", arguments: "{}" },
        ],
        finishReason: "tool_calls",
        usage,
      }),
    ];

    expect(events).toStrictEqual([
      { type: "text", text: "Let me check." },
      { type: "tool_call", index: 0, id: "call_a", name: "get_weather", argumentsDelta: '{"city":"Oslo"}' },
      { type: "tool_call", index: 1, id: "call_b", name: "now", argumentsDelta: "{}" },
      { type: "finish", finishReason: "tool_calls", usage },
    ]);
  });

  it("gives no text event for an empty content", () => {
    expect([...answerEvents({ content: "", toolCalls: [], finishReason: "stop", usage })]).toStrictEqual([
      { type: "finish", finishReason: "stop", usage },
    ]);
  });

  it("gives the other choices' events with their choice index, and their finish reasons with the finish", () => {
    const events = [
      ...answerEvents({
        content: "A",
        toolCalls: [],
        finishReason: "stop",
        otherChoices: [{ content: "B", toolCalls: [], finishReason: "length" }],
        usage,
      }),
    ];

    expect(events).toStrictEqual([
      { type: "text", text: "A" },
      { type: "text", text: "B", choice: 1 },
      { type: "finish", finishReason: "stop", otherFinishReasons: ["length"], usage },
    ]);
  });
});
