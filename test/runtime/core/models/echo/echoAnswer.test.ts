import { describe, expect, it } from "vitest";
import { z } from "zod";
import { countTokens } from "../../../../../runtime/core/models/countTokens.ts";
import { echoAnswer } from "../../../../../runtime/core/models/echo/echoAnswer.ts";
import { echoImageTokens } from "../../../../../runtime/core/models/echo/echoInputTokens.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelMessage, ModelRequest, ModelTool } from "../../../../../runtime/core/models/modelTypes.ts";
import { schemaErrors } from "./schemaValidator.ts";

const lookup: ModelTool = {
  name: "lookup",
  parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
};

function request(messages: ModelMessage[], overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    modelKey: "echo",
    providerModelId: "echo-1",
    messages,
    maxTokens: 100,
    requestId: "req-1",
    ...overrides,
  };
}

const user = (content: string): ModelMessage => ({ role: "user", content });

describe("echoAnswer", () => {
  it("echoes the last user message, images named, with the images' tokens as input", () => {
    const answer = echoAnswer(
      request([
        {
          role: "user",
          content: [
            { type: "text", text: "what is this?" },
            { type: "image", mediaType: "image/webp", data: new Uint8Array(68) },
          ],
        },
      ]),
    );

    expect(answer).toEqual({
      content: "echo: what is this? [image image/webp 68 bytes]",
      toolCalls: [],
      finishReason: "stop",
      usage: {
        inputTokens: countTokens("what is this?") + echoImageTokens,
        outputTokens: countTokens("echo: what is this? [image image/webp 68 bytes]"),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
    });
  });

  it("answers with tool calls, empty content and their names and arguments as output", () => {
    const answer = echoAnswer(request([user("x [[silo:call:lookup]]")], { tools: [lookup] }));

    expect(answer).toMatchObject({
      content: "",
      finishReason: "tool_calls",
      toolCalls: [{ name: "lookup", arguments: '{"q":"x"}' }],
    });
    expect(answer.usage.outputTokens).toBe(countTokens('lookup{"q":"x"}'));
  });

  it("cuts tool calls to maxTokens, as a model out of tokens: the call mid-way, later ones dropped", () => {
    // Prepare: `[[silo:call-all]]` calls both tools with the 400-character text as their arguments' string.
    const other: ModelTool = { ...lookup, name: "other" };
    const text = `${"x".repeat(400)} [[silo:call-all]]`;

    // Act
    const answer = echoAnswer(request([user(text)], { tools: [lookup, other], maxTokens: 20 }));

    // Assess
    expect(answer.finishReason).toBe("length");
    expect(answer.toolCalls).toHaveLength(1);
    expect(answer.toolCalls[0]?.arguments).toBe(`{"q":"${"x".repeat(80 - 6 - 6)}`);
    expect(answer.usage.outputTokens).toBeLessThanOrEqual(20);
  });

  it("answers a tool round trip's second call with the result, even when the tool is required", () => {
    // Prepare
    const first = echoAnswer(request([user("x [[silo:call:lookup]]")], { tools: [lookup] }));
    const call = first.toolCalls[0];
    if (call === undefined) throw new Error("no tool call");
    const messages: ModelMessage[] = [
      user("x [[silo:call:lookup]]"),
      { role: "assistant", content: first.content, toolCalls: first.toolCalls },
      { role: "tool", toolCallId: call.id, content: "42" },
    ];

    // Act
    const second = echoAnswer(
      request(messages, { tools: [lookup], toolChoice: "required", requestId: "req-2" }),
    );

    // Assess
    expect(second).toMatchObject({
      content: "echo: tool lookup returned 42",
      toolCalls: [],
      finishReason: "stop",
    });
  });

  it.each([
    ["text", { type: "text" }, "echo: hi"],
    ["json_object", { type: "json_object" }, '{"echo":"echo: hi"}'],
    [
      "json_schema",
      {
        type: "json_schema",
        name: "reply",
        schema: { type: "object", properties: { said: { type: "string" } }, required: ["said"] },
      },
      '{"said":"echo: hi"}',
    ],
  ] as const)("shapes the content for response format %s", (_name, responseFormat, content) => {
    expect(echoAnswer(request([user("hi")], { responseFormat })).content).toBe(content);
  });

  it("answers a zod schema with JSON the schema accepts", () => {
    const schema = z.toJSONSchema(
      z.object({
        title: z.string(),
        tags: z.array(z.string()).min(1),
        rating: z.int().min(1).max(5),
        note: z.string().nullable(),
      }),
    );

    const answer = echoAnswer(
      request([user("a film")], { responseFormat: { type: "json_schema", name: "film", schema } }),
    );

    expect(schemaErrors(schema, JSON.parse(answer.content))).toEqual([]);
  });

  it("cuts JSON content at maxTokens like any content, with finish reason length", () => {
    const answer = echoAnswer(
      request([user("a long message")], { maxTokens: 2, responseFormat: { type: "json_object" } }),
    );

    expect(answer).toMatchObject({ content: '{"echo":', finishReason: "length" });
  });

  it("refuses a json_schema it cannot satisfy, naming response_format", () => {
    // Act
    let error: ModelError | undefined;
    try {
      echoAnswer(
        request([user("hi")], {
          responseFormat: { type: "json_schema", name: "never", schema: { not: {}, type: "decimal" } },
        }),
      );
    } catch (caught) {
      error = caught as ModelError;
    }

    // Assess
    expect(error?.code).toBe("MODEL_UNSUPPORTED_PARAMETER");
    expect(error?.message).toMatch(
      /^response_format\.json_schema\.schema: the echo provider cannot build a value of schema "never" at "\/"/,
    );
  });
});
