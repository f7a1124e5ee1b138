import { describe, expect, it } from "vitest";
import { countTokens } from "../../../../../runtime/core/models/countTokens.ts";
import { echoImageTokens, echoInputTokens } from "../../../../../runtime/core/models/echo/echoInputTokens.ts";
import type { ModelRequest } from "../../../../../runtime/core/models/modelTypes.ts";

const base: ModelRequest = {
  modelKey: "echo",
  providerModelId: "echo-1",
  messages: [],
  maxTokens: 100,
  requestId: "r",
};

describe("echoInputTokens", () => {
  it("counts every kind of message: text, parts, images, tool calls and tool results", () => {
    // Prepare
    const request: ModelRequest = {
      ...base,
      messages: [
        { role: "system", content: "Be brief." }, // 9 bytes: 3
        {
          role: "user",
          content: [
            { type: "text", text: "see" },
            { type: "image", mediaType: "image/png", data: new Uint8Array(1000) },
            { type: "text", text: "this" },
          ],
        }, // "seethis", 7 bytes: 2, plus one image
        { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "lookup", arguments: '{"q":"x"}' }] }, // 15 bytes: 4
        { role: "tool", toolCallId: "c1", content: "found it" }, // 8 bytes: 2
      ],
    };

    // Act and assess
    expect(echoInputTokens(request)).toBe(3 + 2 + echoImageTokens + 4 + 2);
  });

  it("adds the offered tools and a json_schema, as providers bill them", () => {
    const parameters = { type: "object", properties: { q: { type: "string" } } };
    const schema = { type: "object", properties: { a: { type: "number" } } };
    const request: ModelRequest = {
      ...base,
      messages: [{ role: "user", content: "hi" }],
      tools: [{ name: "lookup", description: "Looks up", parameters }],
      responseFormat: { type: "json_schema", name: "answer", schema },
    };

    expect(echoInputTokens(request)).toBe(
      countTokens("hi") +
        countTokens(JSON.stringify({ name: "lookup", description: "Looks up", parameters })) +
        countTokens(JSON.stringify(schema)),
    );
  });

  it("counts nothing for no messages", () => {
    expect(echoInputTokens(base)).toBe(0);
  });
});
