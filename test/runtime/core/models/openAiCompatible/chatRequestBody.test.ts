import { describe, expect, it } from "vitest";
import type { ModelRequest } from "../../../../../runtime/core/models/modelTypes.ts";
import { chatRequestBody } from "../../../../../runtime/core/models/openAiCompatible/chatRequestBody.ts";

const base: ModelRequest = {
  modelKey: "byok",
  providerModelId: "gpt-4o-mini",
  messages: [{ role: "user", content: "Hello" }],
  maxTokens: 256,
  requestId: "req-1",
};

const weatherTool = {
  name: "get_weather",
  description: "Weather of a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  strict: true,
};

describe("chatRequestBody", () => {
  it("sends only the model, the messages, max_tokens and stream for a bare request", () => {
    expect(chatRequestBody(base, { stream: false })).toStrictEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hello" }],
      max_tokens: 256,
      stream: false,
    });
  });

  it("asks a stream for the usage chunk", () => {
    expect(chatRequestBody(base, { stream: true })).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("puts maxTokens in max_completion_tokens when told to, and not in max_tokens", () => {
    const body = chatRequestBody(base, { stream: false, maxTokensParameter: "max_completion_tokens" });

    expect(body.max_completion_tokens).toBe(256);
    expect(body).not.toHaveProperty("max_tokens");
  });

  it.each<[string, Partial<ModelRequest>, Record<string, unknown>]>([
    ["temperature", { temperature: 0 }, { temperature: 0 }],
    ["topP", { topP: 0.9 }, { top_p: 0.9 }],
    ["stop", { stop: ["END", "\n\n"] }, { stop: ["END", "\n\n"] }],
    ["seed", { seed: 42 }, { seed: 42 }],
    ["frequencyPenalty", { frequencyPenalty: 0.5 }, { frequency_penalty: 0.5 }],
    ["presencePenalty", { presencePenalty: -0.5 }, { presence_penalty: -0.5 }],
    ["user", { user: "end-user-7" }, { user: "end-user-7" }],
    ["reasoningEffort", { reasoningEffort: "low" }, { reasoning_effort: "low" }],
    ["responseFormat text", { responseFormat: { type: "text" } }, { response_format: { type: "text" } }],
    [
      "responseFormat json_object",
      { responseFormat: { type: "json_object" } },
      { response_format: { type: "json_object" } },
    ],
    [
      "responseFormat json_schema",
      {
        responseFormat: {
          type: "json_schema",
          name: "city",
          description: "A city",
          schema: { type: "object", properties: { name: { type: "string" } } },
          strict: true,
        },
      },
      {
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "city",
            description: "A city",
            schema: { type: "object", properties: { name: { type: "string" } } },
            strict: true,
          },
        },
      },
    ],
  ])("maps %s", (_field, overrides, expected) => {
    const body = chatRequestBody({ ...base, ...overrides }, { stream: false });

    expect(body).toStrictEqual({ ...chatRequestBody(base, { stream: false }), ...expected });
  });

  it("leaves out an empty stop list", () => {
    expect(chatRequestBody({ ...base, stop: [] }, { stream: false })).not.toHaveProperty("stop");
  });

  it("maps tools, tool_choice and parallel_tool_calls", () => {
    const body = chatRequestBody(
      {
        ...base,
        tools: [weatherTool, { name: "now", parameters: { type: "object", properties: {} } }],
        toolChoice: { name: "get_weather" },
        parallelToolCalls: false,
      },
      { stream: false },
    );

    expect(body.tools).toStrictEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather of a city",
          parameters: weatherTool.parameters,
          strict: true,
        },
      },
      { type: "function", function: { name: "now", parameters: { type: "object", properties: {} } } },
    ]);
    expect(body.tool_choice).toStrictEqual({ type: "function", function: { name: "get_weather" } });
    expect(body.parallel_tool_calls).toBe(false);
  });

  it.each(["auto", "none", "required"] as const)("passes tool_choice %s as a string", (toolChoice) => {
    expect(
      chatRequestBody({ ...base, tools: [weatherTool], toolChoice }, { stream: false }).tool_choice,
    ).toBe(toolChoice);
  });

  it("sends no tool settings without tools, which OpenAI would refuse", () => {
    const body = chatRequestBody(
      { ...base, tools: [], toolChoice: "required", parallelToolCalls: true },
      { stream: false },
    );

    expect(Object.keys(body)).toEqual(["model", "messages", "max_tokens", "stream"]);
  });

  it("maps every kind of message", () => {
    const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const body = chatRequestBody(
      {
        ...base,
        messages: [
          { role: "system", content: "Be brief." },
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image", mediaType: "image/png", data: image, detail: "low" },
              { type: "image", mediaType: "image/webp", data: image },
            ],
          },
          {
            role: "assistant",
            content: "",
            toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' }],
          },
          { role: "tool", toolCallId: "call_1", content: "rain" },
          { role: "assistant", content: "It rains.", toolCalls: [] },
          {
            role: "assistant",
            content: "Checking again.",
            toolCalls: [{ id: "call_2", name: "now", arguments: "{}" }],
          },
        ],
      },
      { stream: false },
    );

    expect(body.messages).toStrictEqual([
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw==", detail: "low" } },
          { type: "image_url", image_url: { url: "data:image/webp;base64,iVBORw==" } },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "rain" },
      { role: "assistant", content: "It rains." },
      {
        role: "assistant",
        content: "Checking again.",
        tool_calls: [{ id: "call_2", type: "function", function: { name: "now", arguments: "{}" } }],
      },
    ]);
  });

  it("asks for log probabilities, and for top_logprobs only when more than 0", () => {
    const some = chatRequestBody({ ...base, logprobs: { top: 3 } }, { stream: false });
    const none = chatRequestBody({ ...base, logprobs: { top: 0 } }, { stream: true });

    expect([some.logprobs, some.top_logprobs]).toEqual([true, 3]);
    expect(none.logprobs).toBe(true);
    expect(none).not.toHaveProperty("top_logprobs");
  });

  it("asks for n choices only when more than one", () => {
    expect(chatRequestBody({ ...base, n: 3 }, { stream: false }).n).toBe(3);
    expect(chatRequestBody({ ...base, n: 1 }, { stream: false })).not.toHaveProperty("n");
  });
});
