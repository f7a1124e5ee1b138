import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { type AIMessageChunk, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { embed, embedMany, generateObject, generateText, Output, stepCountIs, streamText, tool } from "ai";
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import {
  asFloat32,
  callWeather,
  clientBackends,
  echoBackend,
  pngBase64,
  pngBytes,
  pngDataUrl,
  upstreamBackend,
  weatherParameters,
} from "./support/clientBackends.ts";
import { ledgerRows, rowsOfRequest } from "./support/ledgerRows.ts";
import { type ClientsPlatform, startClientsPlatform, waitFor } from "./support/startClientsPlatform.ts";

let clients: ClientsPlatform;

beforeAll(async () => {
  clients = await startClientsPlatform();
}, 120_000);

afterAll(async () => {
  await clients?.close();
});

const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", description: "The weather in a city", parameters: weatherParameters },
};

describe.each(clientBackends)("the openai SDK, through $name", (backend) => {
  const openai = () =>
    new OpenAI({ baseURL: clients.baseUrl(backend.tenantId), apiKey: clients.token(backend.tenantId) });

  it("streams the answer it gives unstreamed, with usage, metered once", async () => {
    // Prepare
    const messages = [{ role: "user" as const, content: "stream me a few words" }];
    const whole = await openai().chat.completions.create({ model: backend.chatModel, messages });

    // Act
    const { data: stream, request_id: requestId } = await openai()
      .chat.completions.create({
        model: backend.chatModel,
        messages,
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    const pieces: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      pieces.push(chunk.choices[0]?.delta.content ?? "");
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      usage = chunk.usage ?? usage;
    }

    // Assess
    expect(whole.choices[0]?.message.content).toBe(backend.said("stream me a few words"));
    expect(pieces.join("")).toBe(whole.choices[0]?.message.content);
    expect(pieces.filter((piece) => piece !== "").length).toBeGreaterThan(1);
    expect(finishReason).toBe("stop");
    expect(usage).toMatchObject({
      prompt_tokens: whole.usage?.prompt_tokens,
      completion_tokens: whole.usage?.completion_tokens,
    });
    expect(await rowsOfRequest(clients.ledger, requestId ?? "")).toMatchObject([
      { status: "settled", outputTokens: usage?.completion_tokens },
    ]);
  });

  it("streams without a usage chunk when none is asked for", async () => {
    // Act
    const stream = await openai().chat.completions.create({
      model: backend.chatModel,
      messages: [{ role: "user", content: "no usage please" }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    // Assess
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(
      backend.said("no usage please"),
    );
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it("completes a tool round trip", async () => {
    // Prepare
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: callWeather }];

    // Act
    const first = await openai().chat.completions.create({
      model: backend.chatModel,
      messages,
      tools: [weatherTool],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== "function") throw new Error("no function call");
    const second = await openai().chat.completions.create({
      model: backend.chatModel,
      messages: [
        ...messages,
        first.choices[0]?.message as OpenAI.ChatCompletionMessageParam,
        { role: "tool", tool_call_id: call.id, content: "21°C" },
      ],
      tools: [weatherTool],
      tool_choice: "none",
    });

    // Assess
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: expect.any(String) });
    expect(second.choices[0]?.message.content).toBe(backend.toolReturned("get_weather", "21°C"));
  });

  it("parses structured output with zodResponseFormat", async () => {
    // Prepare
    const Event = z.object({ name: z.string(), attendees: z.array(z.string()), day: z.number() });

    // Act
    const completion = await openai().chat.completions.parse({
      model: backend.chatModel,
      messages: [{ role: "user", content: "Alice and Bob meet on day 3" }],
      response_format: zodResponseFormat(Event, "event"),
    });

    // Assess
    expect(Event.parse(completion.choices[0]?.message.parsed)).toEqual(completion.choices[0]?.message.parsed);
  });

  it("sends an image as a data URL", async () => {
    // Act
    const completion = await openai().chat.completions.create({
      model: backend.chatModel,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is this?" },
            { type: "image_url", image_url: { url: pngDataUrl } },
          ],
        },
      ],
    });

    // Assess
    expect(completion.choices[0]?.message.content).toBe(backend.saidWithImage("what is this?", pngBytes));
  });

  it("embeds, decoding the default base64 encoding", async () => {
    // Act
    const response = await openai().embeddings.create({
      model: backend.embeddingModel,
      input: ["first text", "second text"],
    });

    // Assess
    expect(response.data.map((item) => item.embedding)).toEqual([
      asFloat32(backend.embedding("first text")),
      asFloat32(backend.embedding("second text")),
    ]);
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it("streams tool call deltas and structured output that the stream helper assembles", async () => {
    // Prepare
    const Event = z.object({ name: z.string(), attendees: z.array(z.string()), day: z.number() });

    // Act
    const toolStream = openai().chat.completions.stream({
      model: backend.chatModel,
      messages: [{ role: "user", content: callWeather }],
      tools: [weatherTool],
    });
    const withTool = await toolStream.finalChatCompletion();
    const parseStream = openai().chat.completions.stream({
      model: backend.chatModel,
      messages: [{ role: "user", content: "Alice and Bob meet on day 3" }],
      response_format: zodResponseFormat(Event, "event"),
    });
    const parsed = await parseStream.finalChatCompletion();

    // Assess
    const call = withTool.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({
      city: expect.any(String),
    });
    expect(withTool.choices[0]?.finish_reason).toBe("tool_calls");
    expect(Event.parse(parsed.choices[0]?.message.parsed)).toEqual(parsed.choices[0]?.message.parsed);
  });

  it("accepts the developer role", async () => {
    // Act
    const completion = await openai().chat.completions.create({
      model: backend.chatModel,
      messages: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: "hello there" },
      ],
    });

    // Assess
    expect(completion.choices[0]?.message.content).toBe(backend.said("hello there"));
  });

  it("embeds as floats and at fewer dimensions", async () => {
    // Act
    const floats = await openai().embeddings.create({
      model: backend.embeddingModel,
      input: "first text",
      encoding_format: "float",
    });
    const short = await openai().embeddings.create({
      model: backend.embeddingModel,
      input: "first text",
      dimensions: 4,
    });

    // Assess
    expect(floats.data[0]?.embedding).toEqual(backend.embedding("first text"));
    expect(short.data[0]?.embedding).toHaveLength(4);
  });

  it("sets _request_id to the request id of the ledger row and the access log", async () => {
    // Act
    const completion = await openai().chat.completions.create({
      model: backend.chatModel,
      messages: [{ role: "user", content: "which request am I?" }],
    });

    // Assess
    expect(completion._request_id).toMatch(/\S/);
    expect(await rowsOfRequest(clients.ledger, completion._request_id ?? "")).toMatchObject([
      { status: "settled" },
    ]);
    expect(clients.logs).toContainEqual(
      expect.objectContaining({ msg: "access", requestId: completion._request_id, status: 200 }),
    );
  });
});

describe("the openai SDK, on errors and aborts", () => {
  const echoClient = () =>
    new OpenAI({
      baseURL: clients.baseUrl(echoBackend.tenantId),
      apiKey: clients.token(echoBackend.tenantId),
    });

  it("does not retry a spent budget: one insufficient_quota 429, at once", async () => {
    // Prepare
    const openai = new OpenAI({ baseURL: clients.baseUrl("spent-app"), apiKey: clients.token("spent-app") });
    const tenantProcess = clients.platform.processes.get("spent-app")?.process;
    const invocationsBefore = tenantProcess?.invocations ?? 0;
    const started = performance.now();

    // Act
    const error = await openai.chat.completions
      .create({ model: "claude-sonnet", messages: [{ role: "user", content: "anything" }] })
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "insufficient_quota", type: "insufficient_quota" });
    const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect([headers.get("x-should-retry"), headers.get("retry-after")]).toEqual(["false", null]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((tenantProcess?.invocations ?? 0) - invocationsBefore).toBe(1);
    const accessLines = clients.logs.filter(
      (entry) => entry.msg === "access" && entry.path === "/spent-app/v1/chat/completions",
    );
    expect(accessLines).toMatchObject([{ status: 429, requestId: headers.get("x-request-id") }]);
    expect(await ledgerRows(clients.ledger, "spent-app")).toEqual([]);
  });

  it("surfaces echo's error after the first byte from the stream iterator", async () => {
    // Prepare
    const pieces: string[] = [];

    // Act
    const stream = await echoClient().chat.completions.create({
      model: echoBackend.chatModel,
      messages: [{ role: "user", content: "[[silo:fail-mid-stream]]" }],
      stream: true,
    });
    const error = await (async () => {
      for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((caught: unknown) => caught);

    // Assess
    expect(pieces.join("")).toBe("echo: ");
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toMatch(/\S/);
  });

  it("surfaces the upstream's error after the first byte from the stream iterator", async () => {
    // Prepare
    // The role chunk, then "You " and "said: ".
    clients.upstream.failNext({ type: "stream-error", afterChunks: 3 });
    const openai = new OpenAI({
      baseURL: clients.baseUrl(upstreamBackend.tenantId),
      apiKey: clients.token(upstreamBackend.tenantId),
    });
    const pieces: string[] = [];

    // Act
    const { data: stream, request_id: requestId } = await openai.chat.completions
      .create({
        model: upstreamBackend.chatModel,
        messages: [{ role: "user", content: "this will break" }],
        stream: true,
      })
      .withResponse();
    const error = await (async () => {
      for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((caught: unknown) => caught);

    // Assess
    expect(pieces.join("")).toBe("You said: ");
    expect(error).toBeInstanceOf(OpenAI.APIError);
    await waitFor(async () => {
      const rows = await rowsOfRequest(clients.ledger, requestId ?? "");
      return rows.length === 1 && rows[0]?.status !== "reserved";
    });
  });

  it("delivers echo's first chunk before the stream ends, not buffered", async () => {
    // Prepare
    const started = performance.now();
    const arrivals: number[] = [];

    // Act
    const stream = await echoClient().chat.completions.create({
      model: echoBackend.chatModel,
      messages: [{ role: "user", content: "[[silo:slow-stream:300]]" }],
      stream: true,
    });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) arrivals.push(performance.now() - started);
    }
    const endedMs = performance.now() - started;

    // Assess
    expect(arrivals.length).toBeGreaterThan(1);
    expect(endedMs - (arrivals[0] ?? endedMs)).toBeGreaterThan(500);
  });

  it("delivers the upstream's first chunk before the stream ends, having asked it for a stream", async () => {
    // Prepare
    clients.upstream.chunkDelayMs = 150;
    const openai = new OpenAI({
      baseURL: clients.baseUrl(upstreamBackend.tenantId),
      apiKey: clients.token(upstreamBackend.tenantId),
    });
    const started = performance.now();
    const arrivals: number[] = [];

    // Act
    const stream = await openai.chat.completions.create({
      model: upstreamBackend.chatModel,
      messages: [{ role: "user", content: "one two three four" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    try {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) arrivals.push(performance.now() - started);
      }
    } finally {
      clients.upstream.chunkDelayMs = 0;
    }
    const endedMs = performance.now() - started;

    // Assess
    expect(clients.upstream.requests.at(-1)?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(arrivals).toHaveLength(6);
    expect(endedMs - (arrivals[0] ?? endedMs)).toBeGreaterThan(500);
  });

  it("settles exactly one ledger row for a stream the client aborts", async () => {
    // Prepare
    const { data: stream, request_id: requestId } = await echoClient()
      .chat.completions.create({
        model: echoBackend.chatModel,
        messages: [{ role: "user", content: "[[silo:slow-stream:300]]" }],
        stream: true,
      })
      .withResponse();

    // Act
    for await (const _chunk of stream) {
      stream.controller.abort();
    }

    // Assess
    await waitFor(async () => {
      const rows = await rowsOfRequest(clients.ledger, requestId ?? "");
      return rows.length > 0 && rows.every((row) => row.status !== "reserved");
    });
    expect(await rowsOfRequest(clients.ledger, requestId ?? "")).toMatchObject([{ status: "settled" }]);
  });
});

describe.each(clientBackends)("the Vercel AI SDK, through $name", (backend) => {
  const provider = () =>
    createOpenAICompatible({
      name: "silo",
      baseURL: clients.baseUrl(backend.tenantId),
      apiKey: clients.token(backend.tenantId),
      includeUsage: true,
      supportsStructuredOutputs: true,
    });

  it("streams with streamText the text generateText gives, with usage, metered once", async () => {
    // Prepare
    const prompt = "stream me a few words";
    const whole = await generateText({ model: provider()(backend.chatModel), prompt });
    const rowsBefore = await ledgerRows(clients.ledger, backend.tenantId);

    // Act
    const result = streamText({ model: provider()(backend.chatModel), prompt });
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    const usage = await result.usage;

    // Assess
    expect(whole.text).toBe(backend.said(prompt));
    expect(pieces.join("")).toBe(whole.text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(usage).toMatchObject({
      inputTokens: whole.usage.inputTokens,
      outputTokens: whole.usage.outputTokens,
    });
    const newRows = (await ledgerRows(clients.ledger, backend.tenantId)).slice(rowsBefore.length);
    expect(newRows).toMatchObject([{ status: "settled", outputTokens: usage.outputTokens }]);
  });

  it("runs a tool round trip with generateText", async () => {
    // Prepare
    const calledWith: unknown[] = [];
    const getWeather = tool({
      description: "The weather in a city",
      inputSchema: z.object({ city: z.string() }),
      execute: async (input) => {
        calledWith.push(input);
        return "21°C";
      },
    });

    // Act
    const result = await generateText({
      model: provider()(backend.chatModel),
      prompt: callWeather,
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(2),
      // The follow-up asks for the answer: the test upstream would call the tool again otherwise.
      prepareStep: ({ stepNumber }) => (stepNumber > 0 ? { toolChoice: "none" } : {}),
    });

    // Assess
    expect(calledWith).toEqual([{ city: expect.any(String) }]);
    expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
    expect(result.text).toBe(backend.toolReturned("get_weather", "21°C"));
  });

  it("streams a tool round trip and a structured object with streamText", async () => {
    // Prepare
    const schema = z.object({ name: z.string(), attendees: z.array(z.string()), day: z.number() });
    const getWeather = tool({
      description: "The weather in a city",
      inputSchema: z.object({ city: z.string() }),
      execute: async () => "21°C",
    });

    // Act
    const withTool = streamText({
      model: provider()(backend.chatModel),
      prompt: callWeather,
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(2),
      prepareStep: ({ stepNumber }) => (stepNumber > 0 ? { toolChoice: "none" } : {}),
    });
    const structured = streamText({
      model: provider()(backend.chatModel),
      output: Output.object({ schema }),
      prompt: "Alice and Bob meet on day 3",
    });

    // Assess
    expect(await withTool.text).toBe(backend.toolReturned("get_weather", "21°C"));
    expect((await withTool.steps).map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([
      ["get_weather"],
      [],
    ]);
    const object = await structured.output;
    expect(schema.parse(object)).toEqual(object);
  });

  it("generates an object with generateObject and with generateText's output", async () => {
    // Prepare
    const schema = z.object({ name: z.string(), attendees: z.array(z.string()), day: z.number() });

    // Act
    const { object } = await generateObject({
      model: provider()(backend.chatModel),
      schema,
      prompt: "Alice and Bob meet on day 3",
    });
    const { output } = await generateText({
      model: provider()(backend.chatModel),
      output: Output.object({ schema }),
      prompt: "Alice and Bob meet on day 3",
    });

    // Assess
    expect(schema.parse(object)).toEqual(object);
    expect(schema.parse(output)).toEqual(output);
  });

  it("sends an image part", async () => {
    // Act
    const { text } = await generateText({
      model: provider()(backend.chatModel),
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is this?" },
            { type: "image", image: Buffer.from(pngBase64, "base64"), mediaType: "image/png" },
          ],
        },
      ],
    });

    // Assess
    expect(text).toBe(backend.saidWithImage("what is this?", pngBytes));
  });

  it("embeds with embed and embedMany", async () => {
    // Act
    const single = await embed({
      model: provider().embeddingModel(backend.embeddingModel),
      value: "first text",
    });
    const many = await embedMany({
      model: provider().embeddingModel(backend.embeddingModel),
      values: ["first text", "second text"],
    });

    // Assess
    expect(single.embedding).toEqual(closeTo(backend.embedding("first text")));
    expect(many.embeddings).toEqual([
      closeTo(backend.embedding("first text")),
      closeTo(backend.embedding("second text")),
    ]);
    expect(many.usage.tokens).toBeGreaterThan(0);
  });
});

describe.each(clientBackends)("LangChain, through $name", (backend) => {
  const chat = () =>
    new ChatOpenAI({
      model: backend.chatModel,
      apiKey: clients.token(backend.tenantId),
      configuration: { baseURL: clients.baseUrl(backend.tenantId) },
    });
  const weatherSpec = { type: "function" as const, function: weatherTool.function };

  it("streams with .stream() the answer .invoke() gives, with usage, metered once", async () => {
    // Prepare
    const whole = await chat().invoke("stream me a few words");
    const rowsBefore = await ledgerRows(clients.ledger, backend.tenantId);

    // Act
    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await chat().stream("stream me a few words")) chunks.push(chunk);
    const joined = chunks.reduce((sum, chunk) => sum.concat(chunk));

    // Assess
    expect(whole.content).toBe(backend.said("stream me a few words"));
    expect(joined.content).toBe(whole.content);
    expect(chunks.filter((chunk) => chunk.content !== "").length).toBeGreaterThan(1);
    expect(joined.usage_metadata).toMatchObject({
      input_tokens: whole.usage_metadata?.input_tokens,
      output_tokens: whole.usage_metadata?.output_tokens,
    });
    const newRows = (await ledgerRows(clients.ledger, backend.tenantId)).slice(rowsBefore.length);
    expect(newRows).toMatchObject([
      { status: "settled", outputTokens: joined.usage_metadata?.output_tokens },
    ]);
  });

  it("runs a tool round trip with bindTools and a ToolMessage", async () => {
    // Prepare
    const question = new HumanMessage(callWeather);

    // Act
    const call = await chat().bindTools([weatherSpec]).invoke([question]);
    const toolCall = call.tool_calls?.[0];
    const answer = await chat()
      .bindTools([weatherSpec], { tool_choice: "none" })
      .invoke([question, call, new ToolMessage({ tool_call_id: toolCall?.id ?? "", content: "21°C" })]);

    // Assess
    expect(toolCall).toMatchObject({ name: "get_weather", args: { city: expect.any(String) } });
    expect(answer.content).toBe(backend.toolReturned("get_weather", "21°C"));
  });

  it("streams a tool call that the chunks assemble", async () => {
    // Act
    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await chat().bindTools([weatherSpec]).stream(callWeather)) chunks.push(chunk);
    const joined = chunks.reduce((sum, chunk) => sum.concat(chunk));

    // Assess
    expect(joined.tool_calls).toMatchObject([{ name: "get_weather", args: { city: expect.any(String) } }]);
  });

  it("returns structured output through function calling too", async () => {
    // Prepare
    const schema = z.object({ name: z.string(), attendees: z.array(z.string()), day: z.number() });

    // Act
    const event = await chat()
      .withStructuredOutput(schema, { name: "event", method: "functionCalling" })
      .invoke("Alice and Bob meet on day 3");

    // Assess
    expect(schema.parse(event)).toEqual(event);
  });

  it("returns structured output with withStructuredOutput", async () => {
    // Prepare
    const schema = z.object({ name: z.string(), attendees: z.array(z.string()), day: z.number() });

    // Act
    const event = await chat()
      .withStructuredOutput(schema, { name: "event" })
      .invoke("Alice and Bob meet on day 3");

    // Assess
    expect(schema.parse(event)).toEqual(event);
  });

  it("sends image_url content", async () => {
    // Act
    const answer = await chat().invoke([
      new HumanMessage({
        content: [
          { type: "text", text: "what is this?" },
          { type: "image_url", image_url: { url: pngDataUrl } },
        ],
      }),
    ]);

    // Assess
    expect(answer.content).toBe(backend.saidWithImage("what is this?", pngBytes));
  });

  it("embeds with OpenAIEmbeddings", async () => {
    // Prepare
    const embeddings = new OpenAIEmbeddings({
      model: backend.embeddingModel,
      apiKey: clients.token(backend.tenantId),
      configuration: { baseURL: clients.baseUrl(backend.tenantId) },
    });

    // Act
    const query = await embeddings.embedQuery("first text");
    const documents = await embeddings.embedDocuments(["first text", "second text"]);

    // Assess
    expect(query).toEqual(closeTo(backend.embedding("first text")));
    expect(documents).toEqual([
      closeTo(backend.embedding("first text")),
      closeTo(backend.embedding("second text")),
    ]);
  });
});

/** Matches a vector equal to `expected` to float32 precision, whatever encoding the client asked for. */
function closeTo(expected: readonly number[]): unknown[] {
  return expected.map((value) => expect.closeTo(value, 6));
}

describe("metering, after every call above", () => {
  it("leaves no reservation open and at most one row per request", async () => {
    // Act
    const rows = [
      ...(await ledgerRows(clients.ledger, echoBackend.tenantId)),
      ...(await ledgerRows(clients.ledger, upstreamBackend.tenantId)),
    ];

    // Assess
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((row) => row.status === "reserved")).toEqual([]);
    expect(new Set(rows.map((row) => row.requestId)).size).toBe(rows.length);
  });
});
