import { describe, expect, it } from "vitest";
import { echoToolResults } from "../../../../../runtime/core/models/echo/echoToolResults.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelMessage } from "../../../../../runtime/core/models/modelTypes.ts";

const asked: ModelMessage = {
  role: "assistant",
  content: "",
  toolCalls: [
    { id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
    { id: "call_b", name: "get_time", arguments: "{}" },
  ],
};

describe("echoToolResults", () => {
  it("names each trailing tool result by its call", () => {
    const messages: ModelMessage[] = [
      { role: "user", content: "weather and time?" },
      asked,
      { role: "tool", toolCallId: "call_a", content: '{"temp":21}' },
      { role: "tool", toolCallId: "call_b", content: "12:00" },
    ];

    expect(echoToolResults(messages, "echo")).toBe(
      'tool get_weather returned {"temp":21}; tool get_time returned 12:00',
    );
  });

  it("gives undefined when the conversation does not end with a tool result", () => {
    const messages: ModelMessage[] = [
      asked,
      { role: "tool", toolCallId: "call_a", content: "x" },
      { role: "user", content: "thanks" },
    ];

    expect(echoToolResults(messages, "echo")).toBeUndefined();
  });

  it("rejects a result for a call no assistant message made", () => {
    // Act
    let error: ModelError | undefined;
    try {
      echoToolResults(
        [
          { role: "user", content: "hi" },
          { role: "tool", toolCallId: "call_x", content: "x" },
        ],
        "echo",
      );
    } catch (caught) {
      error = caught as ModelError;
    }

    // Assess
    expect(error?.code).toBe("MODEL_REQUEST_REJECTED");
    expect(error?.message).toContain(
      'messages[1] answers the tool call id "call_x", which no earlier assistant message made',
    );
  });
});
