import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { embedMany, jsonSchema, streamText, tool } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OpenAiUpstream, startOpenAiUpstream, upstreamEmbedding } from "./index.ts";

// The Vercel AI SDK and LangChain parse stricter than the openai SDK (zod schemas of every chunk): the test
// upstream must satisfy them too, as the end-to-end tests through the platform use them.

const apiKey = "sk-upstream-test";
let upstream: OpenAiUpstream;

beforeEach(async () => {
  upstream = await startOpenAiUpstream({ apiKey });
});

afterEach(async () => {
  await upstream.close();
});

const weather = {
  type: "object" as const,
  properties: { city: { type: "string" as const } },
  required: ["city"],
};

describe("startOpenAiUpstream, through the Vercel AI SDK", () => {
  const provider = () =>
    createOpenAICompatible({ name: "upstream", baseURL: upstream.url, apiKey, includeUsage: true });

  it("streams text with usage", async () => {
    const result = streamText({ model: provider()("gpt-4o-mini"), prompt: "hello world" });

    expect(await result.text).toBe("You said: hello world");
    expect((await result.usage).outputTokens).toBe(4);
  });

  it("streams a tool call it assembles", async () => {
    const result = streamText({
      model: provider()("gpt-4o-mini"),
      prompt: "call get_weather",
      tools: { get_weather: tool({ inputSchema: jsonSchema<{ city: string }>(weather) }) },
    });

    expect((await result.toolCalls).map((call) => [call.toolName, call.input])).toEqual([
      ["get_weather", { city: "example" }],
    ]);
    expect(await result.finishReason).toBe("tool-calls");
  });

  it("embeds", async () => {
    const { embeddings } = await embedMany({
      model: provider().textEmbeddingModel("text-embedding-3-small"),
      values: ["a", "b"],
    });

    expect(embeddings).toEqual([upstreamEmbedding("a", 8), upstreamEmbedding("b", 8)]);
  });
});

describe("startOpenAiUpstream, through LangChain", () => {
  const chat = () =>
    new ChatOpenAI({ model: "gpt-4o-mini", apiKey, configuration: { baseURL: upstream.url }, maxRetries: 0 });

  it("streams text", async () => {
    const pieces: string[] = [];
    for await (const chunk of await chat().stream("hello world")) pieces.push(String(chunk.content));

    expect(pieces.join("")).toBe("You said: hello world");
  });

  it("answers a bound tool with a tool call", async () => {
    const message = await chat()
      .bindTools([{ type: "function", function: { name: "get_weather", parameters: weather } }])
      .invoke("call get_weather");

    expect(message.tool_calls?.map((call) => [call.name, call.args])).toEqual([
      ["get_weather", { city: "example" }],
    ]);
  });

  it("embeds", async () => {
    const embeddings = new OpenAIEmbeddings({
      model: "text-embedding-3-small",
      apiKey,
      configuration: { baseURL: upstream.url },
    });

    expect(await embeddings.embedQuery("a")).toEqual(upstreamEmbedding("a", 8));
  });
});
