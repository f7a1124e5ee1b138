import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ModelError } from "../../../../runtime/core/models/modelErrors.ts";
import type { ModelRequest, ModelStreamEvent } from "../../../../runtime/core/models/modelTypes.ts";
import {
  OpenAiCompatibleProvider,
  type OpenAiCompatibleProviderArgs,
} from "../../../../runtime/core/models/openAiCompatibleProvider.ts";
import { type OpenAiUpstream, startOpenAiUpstream } from "../../../support/openAiUpstream/index.ts";
import { LocalServer } from "./support/localServer.ts";

const apiKey = "sk-upstream-0123456789";
const signal = new AbortController().signal;
let upstream: OpenAiUpstream;
let rejectedKeys: string[];

beforeEach(async () => {
  upstream = await startOpenAiUpstream({ apiKey });
  rejectedKeys = [];
});

afterEach(async () => {
  await upstream.close();
});

function provider(overrides: Partial<OpenAiCompatibleProviderArgs> = {}): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({
    baseUrls: { byok: upstream.url },
    getApiKey: async () => apiKey,
    onApiKeyRejected: (modelKey) => rejectedKeys.push(modelKey),
    timeoutMs: 2000,
    ...overrides,
  });
}

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    modelKey: "byok",
    providerModelId: "gpt-4o-mini",
    messages: [{ role: "user", content: "Hello there, upstream" }],
    maxTokens: 128,
    requestId: "req-1",
    ...overrides,
  };
}

const tools = [
  {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["city", "unit"],
    },
  },
  { name: "get_time", parameters: { type: "object", properties: { timezone: { type: "string" } } } },
];

async function collect(events: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const received: ModelStreamEvent[] = [];
  for await (const event of events) received.push(event);
  return received;
}

/** The events received before the stream failed, and its error. */
async function failing(
  events: AsyncIterable<ModelStreamEvent>,
): Promise<{ received: ModelStreamEvent[]; error: ModelError }> {
  const received: ModelStreamEvent[] = [];
  try {
    for await (const event of events) received.push(event);
  } catch (error) {
    expect(JSON.stringify({ message: (error as Error).message })).not.toContain(apiKey);
    return { received, error: error as ModelError };
  }
  throw new Error("the stream did not fail");
}

describe("OpenAiCompatibleProvider.stream: answers", () => {
  it("streams the text in the upstream's pieces and finishes with its exact usage", async () => {
    const events = await collect(provider().stream(request(), { signal }));

    const reply = upstream.replies[0];
    expect(events.filter((event) => event.type === "text")).toEqual([
      { type: "text", text: "You " },
      { type: "text", text: "said: " },
      { type: "text", text: "Hello " },
      { type: "text", text: "there, " },
      { type: "text", text: "upstream" },
    ]);
    expect(events.at(-1)).toStrictEqual({
      type: "finish",
      finishReason: "stop",
      usage: {
        inputTokens: reply?.usage.prompt_tokens,
        outputTokens: 5,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
    });
    expect(events.filter((event) => event.type === "finish")).toHaveLength(1);
    expect(upstream.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(upstream.requests[0]?.headers.accept).toBe("text/event-stream");
    expect(await upstream.requests[0]?.outcome).toBe("completed");
  });

  it("streams two parallel tool calls split over many deltas", async () => {
    const events = await collect(
      provider().stream(
        request({
          messages: [{ role: "user", content: "Please call get_weather and call get_time" }],
          tools,
        }),
        { signal },
      ),
    );

    const calls = events.filter((event) => event.type === "tool_call");
    expect(calls.length).toBeGreaterThan(6);
    expect(calls.filter((event) => event.id !== undefined)).toEqual([
      { type: "tool_call", index: 0, id: "call_1_0", name: "get_weather", argumentsDelta: "" },
      { type: "tool_call", index: 1, id: "call_1_1", name: "get_time", argumentsDelta: "" },
    ]);
    const argumentsOf = (index: number) =>
      calls
        .filter((event) => event.index === index)
        .map((event) => event.argumentsDelta)
        .join("");
    expect(JSON.parse(argumentsOf(0))).toEqual({ city: "example", unit: "celsius" });
    expect(JSON.parse(argumentsOf(1))).toEqual({ timezone: "example" });
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls" });
  });

  it("finishes with usage undefined when the upstream sends no usage chunk", async () => {
    upstream.failNext({ type: "no-usage" });

    const events = await collect(provider().stream(request(), { signal }));

    expect(events.at(-1)).toStrictEqual({ type: "finish", finishReason: "stop", usage: undefined });
  });

  it("counts cached prompt tokens apart", async () => {
    await upstream.close();
    upstream = await startOpenAiUpstream({ apiKey, cachedPromptTokens: 4 });

    const events = await collect(provider().stream(request(), { signal }));

    const promptTokens = upstream.replies[0]?.usage.prompt_tokens ?? 0;
    expect(events.at(-1)).toMatchObject({
      usage: { inputTokens: promptTokens - 4, cacheReadTokens: 4, outputTokens: 5 },
    });
  });

  it("finishes with length when the answer is cut at maxTokens", async () => {
    const events = await collect(provider().stream(request({ maxTokens: 2 }), { signal }));

    expect(events.map((event) => event.type)).toEqual(["text", "text", "finish"]);
    expect(events.at(-1)).toMatchObject({ finishReason: "length", usage: { outputTokens: 2 } });
  });

  it("keeps the connection for the next call after a stream read to its end", async () => {
    await collect(provider().stream(request(), { signal }));
    await collect(provider().stream(request(), { signal }));

    expect(upstream.requests).toHaveLength(2);
    expect(upstream.connections).toBe(1);
  });

  it("is not cut by timeoutMs while chunks keep coming within the idle limit", async () => {
    upstream.chunkDelayMs = 60;

    const events = await collect(
      provider({ timeoutMs: 250, streamIdleTimeoutMs: 1000 }).stream(request(), { signal }),
    );

    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
  });
});

describe("OpenAiCompatibleProvider.stream: failures", () => {
  it("rejects the first next() with the status's typed error before any event", async () => {
    upstream.failNext({ type: "status", status: 429, headers: { "retry-after": "3" } });

    const iterator = provider().stream(request(), { signal })[Symbol.asyncIterator]();

    await expect(iterator.next()).rejects.toMatchObject({ code: "MODEL_THROTTLED", retryAfterSeconds: 3 });
  });

  it("reports a refused key (401) so the supplier can read the secret again", async () => {
    const { error, received } = await failing(
      provider({ getApiKey: async () => "sk-wrong" }).stream(request(), { signal }),
    );

    expect(received).toEqual([]);
    expect(error.code).toBe("MODEL_MISCONFIGURED");
    expect(rejectedKeys).toEqual(["byok"]);
  });

  it("throws the typed error of an error event in the middle of the stream, after the events before it", async () => {
    upstream.failNext({ type: "stream-error", afterChunks: 3 });

    const { received, error } = await failing(provider().stream(request(), { signal }));

    expect(received).toEqual([
      { type: "text", text: "You " },
      { type: "text", text: "said: " },
    ]);
    expect(error.code).toBe("MODEL_PROVIDER_ERROR");
    expect(error.message).toContain(
      "(error event in the stream: The server had an error while processing your request.)",
    );
  });

  it("refuses a body that ends without a finish_reason or [DONE]", async () => {
    upstream.failNext({ type: "cut-stream", afterChunks: 4 });

    const { received, error } = await failing(provider().stream(request(), { signal }));

    expect(received).toHaveLength(3);
    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain("(the stream ended without a finish_reason or [DONE])");
  });

  it("gives up when the upstream does not start answering within timeoutMs", async () => {
    upstream.failNext({ type: "hang" });

    const { error } = await failing(provider({ timeoutMs: 150 }).stream(request(), { signal }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "timeout" });
    expect(error.message).toContain("did not answer within 150 ms");
  });

  it("gives up when the upstream is silent between chunks for streamIdleTimeoutMs, and closes the connection", async () => {
    upstream.chunkDelayMs = 400;

    const { error } = await failing(provider({ streamIdleTimeoutMs: 150 }).stream(request(), { signal }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "timeout" });
    expect(error.message).toContain("did not answer within 150 ms");
    expect(await upstream.requests[0]?.outcome).toBe("closed-early");
  });
});

describe("OpenAiCompatibleProvider.stream: stopping early", () => {
  it("stops reading and closes the upstream connection when the signal aborts mid-stream", async () => {
    upstream.chunkDelayMs = 30;
    const controller = new AbortController();
    const received: ModelStreamEvent[] = [];

    let error: ModelError | undefined;
    try {
      for await (const event of provider().stream(request(), { signal: controller.signal })) {
        received.push(event);
        if (received.length === 2) controller.abort();
      }
    } catch (caught) {
      error = caught as ModelError;
    }

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
    expect(received).toHaveLength(2);
    expect(await upstream.requests[0]?.outcome).toBe("closed-early");
    // role chunk + 5 text chunks + finish + usage + [DONE] would be 9
    expect(upstream.requests[0]?.chunksWritten).toBeLessThan(6);
  });

  it("closes the upstream connection when the consumer stops iterating (return())", async () => {
    upstream.chunkDelayMs = 30;

    for await (const event of provider().stream(request(), { signal })) {
      expect(event).toEqual({ type: "text", text: "You " });
      break;
    }

    expect(await upstream.requests[0]?.outcome).toBe("closed-early");
    expect(upstream.requests[0]?.chunksWritten).toBeLessThan(6);
  });

  it("sends nothing when the signal has aborted before the call", async () => {
    const { error } = await failing(provider().stream(request(), { signal: AbortSignal.abort() }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
    expect(upstream.requests).toHaveLength(0);
  });
});

describe("OpenAiCompatibleProvider.stream: what servers really send", () => {
  let server: LocalServer;

  beforeEach(async () => {
    server = await LocalServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  /** Answers with this SSE text, written a few bytes at a time. */
  function serveSse(text: string, sliceBytes = 7): void {
    server.handler = (_request, response) => {
      const res = response as unknown as import("node:http").ServerResponse;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
      const bytes = Buffer.from(text, "utf8");
      let offset = 0;
      const writeNext = () => {
        if (offset >= bytes.length) return res.end();
        res.write(bytes.subarray(offset, offset + sliceBytes));
        offset += sliceBytes;
        setImmediate(writeNext);
      };
      writeNext();
    };
  }

  const local = () => provider({ baseUrls: { byok: `${server.url}/v1` } });

  it("parses events split at any byte, CRLF lines, comments and a last event without its blank line", async () => {
    const chunk = (content: string) => JSON.stringify({ choices: [{ index: 0, delta: { content } }] });
    serveSse(
      [
        ": keep-alive",
        "",
        `data: ${chunk("Prix: 5 €")}`,
        "",
        `data: ${chunk(" — ok")}`,
        "",
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}`,
        "",
        "data: [DONE]",
      ].join("\r\n"),
    );

    const events = await collect(local().stream(request(), { signal }));

    expect(events).toEqual([
      { type: "text", text: "Prix: 5 €" },
      { type: "text", text: " — ok" },
      { type: "finish", finishReason: "stop", usage: undefined },
    ]);
  });

  it("turns a one-piece JSON answer (stream ignored by the server) into events", async () => {
    server.respondJson(200, {
      choices: [{ index: 0, message: { role: "assistant", content: "Hi!" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 5, completion_tokens: 1 },
    });

    const events = await collect(local().stream(request(), { signal }));

    expect(events).toEqual([
      { type: "text", text: "Hi!" },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 5, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
      },
    ]);
  });

  it("refuses an event larger than maxResponseBytes", async () => {
    serveSse(
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "x".repeat(5000) } }] })}\n\n`,
      1000,
    );

    const { error } = await failing(
      provider({ baseUrls: { byok: server.url }, maxResponseBytes: 1000 }).stream(request(), { signal }),
    );

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain("(a stream event is larger than 1000 characters)");
  });
});
