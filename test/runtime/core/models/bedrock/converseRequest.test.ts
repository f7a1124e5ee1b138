import { describe, expect, it } from "vitest";
import {
  type BedrockCapabilities,
  bedrockCapabilitiesOf,
} from "../../../../../runtime/core/models/bedrock/bedrockCapabilities.ts";
import {
  converseRequest,
  jsonResponseToolName,
} from "../../../../../runtime/core/models/bedrock/converseRequest.ts";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelRequest, ModelTool } from "../../../../../runtime/core/models/modelTypes.ts";
import { profileArn, bedrockRequest as request } from "../support/bedrockRequest.ts";

const claude = bedrockCapabilitiesOf("anthropic.claude-sonnet-4-20250514-v1:0");
const novaMicro = bedrockCapabilitiesOf("amazon.nova-micro-v1:0");
const titanText = bedrockCapabilitiesOf("amazon.titan-text-express-v1");

const weather: ModelTool = {
  name: "get_weather",
  description: "Current weather of a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const weatherSpec = {
  toolSpec: {
    name: "get_weather",
    description: "Current weather of a city",
    inputSchema: { json: weather.parameters },
  },
};

function refusal(
  overrides: Partial<ModelRequest>,
  capabilities: BedrockCapabilities = claude,
): ModelError & {
  param: string;
} {
  try {
    converseRequest(request(overrides), profileArn, capabilities);
  } catch (error) {
    return error as ModelError & { param: string };
  }
  throw new Error("the request was accepted");
}

describe("converseRequest: messages", () => {
  it("maps user images, assistant tool calls and tool results, merging the results into one user turn", () => {
    // Prepare
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff]);

    // Act
    const plan = converseRequest(
      request({
        messages: [
          { role: "system", content: "Be brief." },
          {
            role: "user",
            content: [
              { type: "text", text: "Weather where these were taken?" },
              { type: "image", mediaType: "image/png", data: png, detail: "low" },
              { type: "image", mediaType: "image/jpeg", data: jpeg },
            ],
          },
          {
            role: "assistant",
            content: "",
            toolCalls: [
              { id: "tooluse_1", name: "get_weather", arguments: '{"city":"Paris"}' },
              { id: "tooluse_2", name: "get_weather", arguments: '{"city":"Oslo"}' },
            ],
          },
          { role: "tool", toolCallId: "tooluse_1", content: "18 C, sunny" },
          { role: "tool", toolCallId: "tooluse_2", content: "4 C, snow" },
          { role: "user", content: "Which is warmer?" },
        ],
        tools: [weather],
      }),
      profileArn,
      claude,
    );

    // Assess
    expect(plan.input.system).toStrictEqual([{ text: "Be brief." }]);
    expect(plan.input.messages).toStrictEqual([
      {
        role: "user",
        content: [
          { text: "Weather where these were taken?" },
          { image: { format: "png", source: { bytes: png } } },
          { image: { format: "jpeg", source: { bytes: jpeg } } },
        ],
      },
      {
        role: "assistant",
        content: [
          { toolUse: { toolUseId: "tooluse_1", name: "get_weather", input: { city: "Paris" } } },
          { toolUse: { toolUseId: "tooluse_2", name: "get_weather", input: { city: "Oslo" } } },
        ],
      },
      {
        role: "user",
        content: [
          { toolResult: { toolUseId: "tooluse_1", content: [{ text: "18 C, sunny" }] } },
          { toolResult: { toolUseId: "tooluse_2", content: [{ text: "4 C, snow" }] } },
          { text: "Which is warmer?" },
        ],
      },
    ]);
  });

  it("keeps the assistant's text before its tool calls and reads empty arguments as {}", () => {
    const plan = converseRequest(
      request({
        messages: [
          { role: "user", content: "Time?" },
          { role: "assistant", content: "Checking.", toolCalls: [{ id: "t1", name: "now", arguments: "" }] },
          { role: "tool", toolCallId: "t1", content: "12:00" },
        ],
      }),
      profileArn,
      claude,
    );

    expect(plan.input.messages?.[1]).toStrictEqual({
      role: "assistant",
      content: [{ text: "Checking." }, { toolUse: { toolUseId: "t1", name: "now", input: {} } }],
    });
  });

  it.each([
    ["invalid JSON", "{city:"],
    ["a JSON array", "[1,2]"],
  ])("refuses tool call arguments that are %s, naming the parameter", (_case, argumentsText) => {
    const error = refusal({
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "now", arguments: argumentsText }] },
      ],
    });

    expect(error.code).toBe("MODEL_UNSUPPORTED_PARAMETER");
    expect(error.param).toBe("messages[1].tool_calls[0].function.arguments");
    expect(error.message).toBe(
      `messages[1].tool_calls[0].function.arguments: ${JSON.stringify(argumentsText)} is not a JSON object, which Bedrock needs as the call's input ` +
        'for model "claude-sonnet" (bedrock); send the arguments the model produced, a JSON object as text',
    );
  });

  it("refuses an image to a text-only model before any call, naming the content part", () => {
    const error = refusal(
      {
        providerModelId: "amazon.nova-micro-v1:0",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image", mediaType: "image/webp", data: new Uint8Array([1]) },
            ],
          },
        ],
      },
      novaMicro,
    );

    expect(error.code).toBe("MODEL_UNSUPPORTED_PARAMETER");
    expect(error.message).toBe(
      'messages[0].content[1]: amazon.nova-micro-v1:0 does not accept images for model "claude-sonnet" (bedrock); ' +
        "send text only, or pick a model that reads images (GET /v1/models)",
    );
  });

  it("refuses tools and tool messages to a model without tool calling", () => {
    const withTools = refusal({ tools: [weather] }, titanText);
    const withToolMessage = refusal(
      { messages: [{ role: "tool", toolCallId: "t1", content: "x" }] },
      titanText,
    );

    expect([withTools.param, withToolMessage.param]).toEqual(["tools", "messages[0]"]);
    expect(withTools.message).toContain("does not support tool calling");
  });

  it("refuses a chat call to an embedding model", () => {
    const error = refusal({}, bedrockCapabilitiesOf("amazon.titan-embed-text-v2:0"));

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "model" });
  });

  it("refuses n > 1, which Converse does not give, naming n", () => {
    const error = refusal({ n: 2 });

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "n" });
    expect(() => converseRequest(request({ n: 1 }), profileArn, claude)).not.toThrow();
  });

  it("refuses log probabilities, which Converse does not return, naming logprobs", () => {
    const error = refusal({ logprobs: { top: 0 } });

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "logprobs" });
    expect(error.message).toContain("omit logprobs and top_logprobs");
  });
});

describe("converseRequest: tools and tool choice", () => {
  it("sends the tools without forcing for tool_choice none when the history holds tool calls", () => {
    const plan = converseRequest(
      request({
        tools: [weather],
        toolChoice: "none",
        messages: [
          { role: "user", content: "Paris?" },
          { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "get_weather", arguments: "{}" }] },
          { role: "tool", toolCallId: "t1", content: "18 C" },
        ],
      }),
      profileArn,
      claude,
    );

    expect(plan.input.toolConfig).toStrictEqual({ tools: [weatherSpec] });
  });

  it("declares the history's tools when the request has none, since Converse requires a toolConfig", () => {
    const plan = converseRequest(
      request({
        messages: [
          { role: "user", content: "Paris?" },
          { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "get_weather", arguments: "{}" }] },
          { role: "tool", toolCallId: "t1", content: "18 C" },
        ],
      }),
      profileArn,
      claude,
    );

    expect(plan.input.toolConfig).toStrictEqual({
      tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }],
    });
  });

  it("marks parallelToolCalls false as single tool call, and ignores seed, penalties and user", () => {
    const plan = converseRequest(
      request({
        tools: [weather],
        parallelToolCalls: false,
        seed: 7,
        frequencyPenalty: 0.5,
        presencePenalty: 0.5,
        user: "end-user-1",
      }),
      profileArn,
      claude,
    );

    expect(plan.singleToolCall).toBe(true);
    expect(Object.keys(plan.input).sort()).toEqual(["inferenceConfig", "messages", "modelId", "toolConfig"]);
    expect(plan.input.inferenceConfig).toStrictEqual({ maxTokens: 256 });
  });
});

describe("converseRequest: JSON output through a forced tool", () => {
  const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };

  it("forces the synthetic tool with the json_schema as its input schema", () => {
    const plan = converseRequest(
      request({ responseFormat: { type: "json_schema", name: "reply", description: "The reply.", schema } }),
      profileArn,
      claude,
    );

    expect(plan.jsonToolName).toBe(jsonResponseToolName);
    expect(plan.input.toolConfig).toStrictEqual({
      tools: [
        {
          toolSpec: {
            name: "json_response",
            description: 'Give the final answer "reply" as this tool\'s input. The reply.',
            inputSchema: { json: schema },
          },
        },
      ],
      toolChoice: { tool: { name: "json_response" } },
    });
  });
});

describe("converseRequest: what Converse refuses that OpenAI accepts", () => {
  it("leaves out blank system prompts, blank assistant text and a blank assistant turn, which Converse calls blank", () => {
    const plan = converseRequest(
      request({
        messages: [
          { role: "system", content: "" },
          { role: "system", content: "Be brief." },
          { role: "user", content: "Weather in Paris?" },
          {
            role: "assistant",
            content: "\n",
            toolCalls: [{ id: "tooluse_a", name: "get_weather", arguments: '{"city":"Paris"}' }],
          },
          { role: "tool", toolCallId: "tooluse_a", content: "" },
          { role: "assistant", content: " " },
          {
            role: "user",
            content: [
              { type: "text", text: "" },
              { type: "text", text: "Thanks" },
            ],
          },
        ],
        tools: [weather],
      }),
      profileArn,
      claude,
    );

    expect(plan.input.system).toStrictEqual([{ text: "Be brief." }]);
    expect(plan.input.messages).toStrictEqual([
      { role: "user", content: [{ text: "Weather in Paris?" }] },
      {
        role: "assistant",
        content: [{ toolUse: { toolUseId: "tooluse_a", name: "get_weather", input: { city: "Paris" } } }],
      },
      {
        role: "user",
        // An empty tool result is accepted by Converse (only message-level text must not be blank).
        content: [{ toolResult: { toolUseId: "tooluse_a", content: [{ text: "" }] } }, { text: "Thanks" }],
      },
    ]);
  });

  it("refuses a user message with nothing but blank text, naming it", () => {
    const error = refusal({ messages: [{ role: "user", content: "  " }] });

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages[0].content" });
    expect(error.message).toBe(
      'messages[0].content: is blank, and Bedrock refuses a message without text or an image for model "claude-sonnet" (bedrock); send some text, or leave the message out',
    );
  });

  it("refuses a conversation that opens with an assistant message, which Converse refuses, naming it", () => {
    const error = refusal({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "assistant", content: "Hi! How can I help?" },
        { role: "user", content: "Weather in Paris?" },
      ],
    });

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages[1]" });
    expect(error.message).toBe(
      'messages[1]: is an assistant message before any user message, and Bedrock needs a conversation that starts with a user message for model "claude-sonnet" (bedrock); start the conversation with a user message (an assistant greeting can go after it, or into the system prompt)',
    );
  });

  it("lets a blank assistant turn before the first user message fall away rather than refusing it", () => {
    const plan = converseRequest(
      request({
        messages: [
          { role: "assistant", content: " " },
          { role: "user", content: "Hello" },
        ],
      }),
      profileArn,
      claude,
    );

    expect(plan.input.messages).toStrictEqual([{ role: "user", content: [{ text: "Hello" }] }]);
  });

  it("refuses a system prompt to Amazon Titan's text models, which take none, naming the message", () => {
    const error = refusal(
      {
        providerModelId: "amazon.titan-text-express-v1",
        messages: [
          { role: "system", content: "" },
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hello" },
        ],
      },
      titanText,
    );

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages[1]" });
    expect(error.message).toBe(
      'messages[1]: is a system message, and amazon.titan-text-express-v1 takes no system prompt on Bedrock for model "claude-sonnet" (bedrock); put the instructions in the first user message, or pick a model with system prompts (GET /v1/models)',
    );
  });

  it("refuses a request of system messages only, which leaves Converse no conversation", () => {
    const error = refusal({ messages: [{ role: "system", content: "Be brief." }] });

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "messages" });
    expect(error.message).toContain("hold no user message (only system messages or blank assistant turns)");
  });

  it("sends a tool result as the tool's text, JSON included, since OpenAI tool messages carry no status", () => {
    const plan = converseRequest(
      request({
        messages: [
          { role: "user", content: "Weather?" },
          {
            role: "assistant",
            content: "",
            toolCalls: [{ id: "tooluse_a", name: "get_weather", arguments: '{"city":"Paris"}' }],
          },
          { role: "tool", toolCallId: "tooluse_a", content: '{"error":"city not found"}' },
        ],
        tools: [weather],
      }),
      profileArn,
      claude,
    );

    expect(plan.input.messages?.[2]).toStrictEqual({
      role: "user",
      content: [
        { toolResult: { toolUseId: "tooluse_a", content: [{ text: '{"error":"city not found"}' }] } },
      ],
    });
  });

  it.each([
    ["image/png", "png"],
    ["image/jpeg", "jpeg"],
    ["image/gif", "gif"],
    ["image/webp", "webp"],
  ] as const)("sends a %s image as an image block of format %s", (mediaType, format) => {
    const data = new Uint8Array([1, 2, 3]);

    const plan = converseRequest(
      request({
        messages: [{ role: "user", content: [{ type: "image", mediaType, data, detail: "high" }] }],
      }),
      profileArn,
      claude,
    );

    expect(plan.input.messages?.[0]?.content).toStrictEqual([{ image: { format, source: { bytes: data } } }]);
  });

  it("leaves out an empty tool description and gives a schema without type the object type", () => {
    const plan = converseRequest(
      request({ tools: [{ name: "ping", description: "", parameters: { properties: {} } }] }),
      profileArn,
      claude,
    );

    expect(plan.input.toolConfig?.tools).toStrictEqual([
      { toolSpec: { name: "ping", inputSchema: { json: { type: "object", properties: {} } } } },
    ]);
  });

  it("refuses a json_schema whose root is not an object, which a tool input cannot be", () => {
    const error = refusal({
      responseFormat: {
        type: "json_schema",
        name: "list",
        schema: { type: "array", items: { type: "string" } },
      },
    });

    expect(error).toMatchObject({
      code: "MODEL_UNSUPPORTED_PARAMETER",
      param: "response_format.json_schema.schema",
    });
    expect(error.message).toContain('a schema of type "array" cannot be a tool\'s input');
  });
});

describe("converseRequest: stop sequences", () => {
  it("passes the stop sequences, whitespace ones too for a model that takes them", () => {
    const plan = converseRequest(
      request({ providerModelId: "amazon.nova-lite-v1:0", stop: ["\n", "END"] }),
      profileArn,
      bedrockCapabilitiesOf("amazon.nova-lite-v1:0"),
    );

    expect(plan.input.inferenceConfig?.stopSequences).toStrictEqual(["\n", "END"]);
  });

  it.each([
    [
      "a whitespace-only stop sequence to Claude",
      ["END", "\n"],
      claude,
      "stop[1]",
      '"\\n" is only whitespace',
    ],
    ["an empty stop sequence", [""], bedrockCapabilitiesOf("amazon.nova-lite-v1:0"), "stop[0]", "is empty"],
  ])("refuses %s, naming it", (_case, stop, capabilities, param, problem) => {
    const error = refusal({ stop }, capabilities);

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param });
    expect(error.message).toContain(problem);
  });
});

describe("converseRequest: tool call ids from other providers", () => {
  it("sends an id Converse would refuse as the same valid id on the call and its result", () => {
    const plan = converseRequest(
      request({
        messages: [
          { role: "user", content: "Weather?" },
          {
            role: "assistant",
            content: "",
            toolCalls: [
              { id: "functions.get_weather:0", name: "get_weather", arguments: '{"city":"Paris"}' },
            ],
          },
          { role: "tool", toolCallId: "functions.get_weather:0", content: "18 °C" },
        ],
        tools: [weather],
      }),
      profileArn,
      claude,
    );

    const callId = plan.input.messages?.[1]?.content?.[0]?.toolUse?.toolUseId;
    const resultId = plan.input.messages?.[2]?.content?.[0]?.toolResult?.toolUseId;
    expect(callId).toMatch(/^functions_get_weather_0_[0-9a-f]{8}$/);
    expect(resultId).toBe(callId);
  });
});
