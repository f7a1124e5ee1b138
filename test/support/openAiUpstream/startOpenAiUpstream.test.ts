import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OpenAiUpstream, startOpenAiUpstream, upstreamEmbedding } from "./index.ts";

// The test upstream is only useful if the official clients accept what it sends: these tests hold it to the
// openai SDK's parsing, as the end-to-end tests through the platform will.

const apiKey = "sk-upstream-test";
let upstream: OpenAiUpstream;
let client: OpenAI;

beforeEach(async () => {
  upstream = await startOpenAiUpstream({ apiKey });
  client = new OpenAI({ baseURL: upstream.url, apiKey, maxRetries: 0 });
});

afterEach(async () => {
  await upstream.close();
});

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
  { type: "function", function: { name: "get_time", parameters: { type: "object", properties: {} } } },
];

describe("startOpenAiUpstream, through the openai SDK", () => {
  it("answers a chat completion with the deterministic text and usage", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hello there" }],
    });

    expect(completion.choices[0]?.message.content).toBe("You said: Hello there");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ completion_tokens: 4, total_tokens: expect.any(Number) });
    expect(upstream.requests[0]?.body).toMatchObject({ model: "gpt-4o-mini" });
  });

  it("streams text in several chunks and ends with the usage chunk when asked", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "one two three" }],
      stream: true,
      stream_options: { include_usage: true },
    });

    const pieces: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) pieces.push(content);
      if (chunk.usage) usage = chunk.usage;
    }

    expect(pieces).toEqual(["You ", "said: ", "one ", "two ", "three"]);
    expect(usage?.completion_tokens).toBe(5);
  });

  it("streams parallel tool calls that the SDK assembles", async () => {
    const runner = client.chat.completions.stream({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "call get_weather then call get_time" }],
      tools,
    });

    const final = await runner.finalChatCompletion();

    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(
      final.choices[0]?.message.tool_calls?.map((call) =>
        call.type === "function" ? call.function : undefined,
      ),
    ).toEqual([
      { name: "get_weather", arguments: '{"city":"example"}' },
      { name: "get_time", arguments: "{}" },
    ]);
  });

  it("answers a json_schema response format with JSON valid for it", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "a city" }],
      response_format: {
        type: "json_schema",
        json_schema: { name: "city", schema: { type: "object", properties: { name: { type: "string" } } } },
      },
    });

    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ name: "example" });
  });

  it("answers embeddings in the SDK's default base64 encoding and in float", async () => {
    const base64 = await client.embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"] });
    const float = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: "a",
      encoding_format: "float",
      dimensions: 3,
    });

    expect(base64.data.map((item) => item.embedding)).toEqual([
      upstreamEmbedding("a", 8),
      upstreamEmbedding("b", 8),
    ]);
    expect(float.data[0]?.embedding).toEqual(upstreamEmbedding("a", 3));
    expect(upstream.requests[0]?.body?.encoding_format).toBe("base64");
  });

  it("refuses a wrong key with 401 and plays a queued fault once", async () => {
    const wrong = new OpenAI({ baseURL: upstream.url, apiKey: "sk-wrong", maxRetries: 0 });
    upstream.failNext({ type: "status", status: 429, message: "slow down", headers: { "retry-after": "2" } });
    const messages = [{ role: "user" as const, content: "hi" }];

    await expect(wrong.chat.completions.create({ model: "m", messages })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    await expect(client.chat.completions.create({ model: "m", messages })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
    await expect(client.chat.completions.create({ model: "m", messages })).resolves.toBeDefined();
  });
});
