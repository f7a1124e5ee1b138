import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ModelRequest, ModelStreamEvent } from "../../../../runtime/core/models/modelTypes.ts";
import { OpenAiCompatibleProvider } from "../../../../runtime/core/models/openAiCompatibleProvider.ts";
import { type OpenAiUpstream, startOpenAiUpstream } from "../../../support/openAiUpstream/index.ts";

const apiKey = "sk-upstream-0123456789";
const signal = new AbortController().signal;
let upstream: OpenAiUpstream;

beforeEach(async () => {
  upstream = await startOpenAiUpstream({ apiKey });
});

afterEach(async () => {
  await upstream.close();
});

function provider(maxTokensParameters: Record<string, "max_tokens" | "max_completion_tokens"> = {}) {
  return new OpenAiCompatibleProvider({
    baseUrls: { byok: upstream.url, reasoning: upstream.url },
    getApiKey: async () => apiKey,
    maxTokensParameters,
  });
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const weather = {
  type: "object",
  properties: { city: { type: "string" } },
  required: ["city"],
  additionalProperties: false,
};

/** A request that sets every field a ModelRequest has. */
const everything: ModelRequest = {
  modelKey: "byok",
  providerModelId: "gpt-4o-mini",
  messages: [
    { role: "system", content: "Be brief." },
    {
      role: "user",
      content: [
        { type: "text", text: "What is the weather where this was taken?" },
        { type: "image", mediaType: "image/png", data: png, detail: "high" },
      ],
    },
    {
      role: "assistant",
      content: "",
      toolCalls: [{ id: "call_9", name: "get_weather", arguments: '{"city":"Oslo"}' }],
    },
    { role: "tool", toolCallId: "call_9", content: '{"sky":"rain"}' },
  ],
  maxTokens: 300,
  temperature: 0.2,
  topP: 0.9,
  stop: ["END"],
  seed: 7,
  frequencyPenalty: 0.1,
  presencePenalty: 0.2,
  user: "end-user-42",
  tools: [{ name: "get_weather", description: "Weather of a city", parameters: weather, strict: true }],
  toolChoice: "auto",
  parallelToolCalls: false,
  responseFormat: { type: "json_schema", name: "forecast", schema: weather, strict: true },
  requestId: "req-1",
};

const everythingOnTheWire = {
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: "Be brief." },
    {
      role: "user",
      content: [
        { type: "text", text: "What is the weather where this was taken?" },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" } },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "call_9", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } },
      ],
    },
    { role: "tool", tool_call_id: "call_9", content: '{"sky":"rain"}' },
  ],
  max_tokens: 300,
  temperature: 0.2,
  top_p: 0.9,
  stop: ["END"],
  seed: 7,
  frequency_penalty: 0.1,
  presence_penalty: 0.2,
  user: "end-user-42",
  tools: [
    {
      type: "function",
      function: { name: "get_weather", description: "Weather of a city", parameters: weather, strict: true },
    },
  ],
  tool_choice: "auto",
  parallel_tool_calls: false,
  response_format: { type: "json_schema", json_schema: { name: "forecast", schema: weather, strict: true } },
};

async function collect(events: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const received: ModelStreamEvent[] = [];
  for await (const event of events) received.push(event);
  return received;
}

describe("OpenAiCompatibleProvider: what reaches the upstream", () => {
  it("forwards every field of a completion request under its OpenAI name", async () => {
    await provider().complete(everything, { signal });

    expect(upstream.requests[0]?.path).toBe("/v1/chat/completions");
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(upstream.requests[0]?.body).toStrictEqual({ ...everythingOnTheWire, stream: false });
  });

  it("forwards every field of a streamed request, asking for the usage chunk", async () => {
    await collect(provider().stream(everything, { signal }));

    expect(upstream.requests[0]?.body).toStrictEqual({
      ...everythingOnTheWire,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("sends max_completion_tokens for a model key configured so", async () => {
    await provider({ reasoning: "max_completion_tokens" }).complete(
      { ...everything, modelKey: "reasoning", maxTokens: 1000 },
      { signal },
    );

    expect(upstream.requests[0]?.body).toMatchObject({ max_completion_tokens: 1000 });
    expect(upstream.requests[0]?.body).not.toHaveProperty("max_tokens");
  });
});

describe("OpenAiCompatibleProvider.complete: what comes back", () => {
  it("returns the tool calls the model made, with finish reason tool_calls and the upstream's usage", async () => {
    const response = await provider().complete(
      {
        ...everything,
        messages: [{ role: "user", content: "call get_weather please" }],
        responseFormat: undefined,
      },
      { signal },
    );

    const usage = upstream.replies[0]?.usage;
    expect(response).toMatchObject({
      content: "",
      toolCalls: [{ id: "call_1_0", name: "get_weather", arguments: '{"city":"example"}' }],
      finishReason: "tool_calls",
      usage: {
        inputTokens: usage?.prompt_tokens,
        outputTokens: usage?.completion_tokens,
        cacheReadTokens: 0,
      },
    });
  });

  it("returns JSON valid for a json_schema response format", async () => {
    const response = await provider().complete(
      {
        ...everything,
        messages: [{ role: "user", content: "Forecast for Oslo" }],
        tools: undefined,
      },
      { signal },
    );

    expect(JSON.parse(response.content)).toEqual({ city: "example" });
    expect(response.finishReason).toBe("stop");
  });

  it("lets the upstream see the images of the last user message", async () => {
    const response = await provider().complete(
      {
        ...everything,
        messages: [everything.messages[1] as ModelRequest["messages"][number]],
        tools: undefined,
        responseFormat: undefined,
      },
      { signal },
    );

    expect(response.content).toBe("You said: What is the weather where this was taken? (with 1 image)");
  });
});
