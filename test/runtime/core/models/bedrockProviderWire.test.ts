import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { EventStreamCodec, type MessageHeaders } from "@smithy/eventstream-codec";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BedrockProvider } from "../../../../runtime/core/models/bedrockProvider.ts";
import type { ModelRequest, ModelStreamEvent } from "../../../../runtime/core/models/modelTypes.ts";
import {
  converseFixture,
  converseStreamFixture,
  converseStreamWireEvents,
  converseWireBody,
} from "./support/bedrockFixture.ts";
import { profileArn } from "./support/bedrockRequest.ts";
import { LocalServer } from "./support/localServer.ts";
import { modelFailure } from "./support/modelFailure.ts";

// The same provider as bedrockProvider.test.ts, but through the real AWS SDK client and HTTP stack against
// a local server speaking Bedrock's wire format, to check what a mocked client cannot: the profile ARN in
// the path, error headers reaching the mapping, aborts really cancelling the request, the SDK's parsing of a
// real application/vnd.amazon.eventstream answer, and the InvokeModel token count header.

const signal = new AbortController().signal;
let server: LocalServer;
let client: BedrockRuntimeClient;
let provider: BedrockProvider;

// Generous for the answering server: the first call through the SDK (module loading, the HTTP/2 session,
// signing) can take longer than a short timeout on a loaded machine. Only the timeout test uses a short one.
const answerTimeoutMs = 5_000;
const hangTimeoutMs = 300;

beforeEach(async () => {
  server = await LocalServer.start({ http2: true });
  client = new BedrockRuntimeClient({
    region: "eu-west-1",
    endpoint: server.url,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" },
    maxAttempts: 1,
  });
  provider = new BedrockProvider({
    client,
    inferenceProfileArns: { "claude-sonnet": profileArn },
    timeoutMs: answerTimeoutMs,
  });
});

afterEach(async () => {
  await server.close();
});

const request: ModelRequest = {
  modelKey: "claude-sonnet",
  providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
  messages: [{ role: "user", content: "Hello" }],
  maxTokens: 64,
  requestId: "req-1",
};

describe("BedrockProvider over the wire", () => {
  it("posts to the Converse path of the profile ARN and reads the answer", async () => {
    server.respondJson(200, {
      output: { message: { role: "assistant", content: [{ text: "Hi." }] } },
      stopReason: "end_turn",
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
      metrics: { latencyMs: 10 },
    });

    const response = await provider.complete(request, { signal });

    expect(response.content).toBe("Hi.");
    expect(response.usage).toEqual({
      inputTokens: 5,
      outputTokens: 2,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe("POST");
    expect(decodeURIComponent(server.requests[0]?.path ?? "")).toBe(`/model/${profileArn}/converse`);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      messages: [{ role: "user", content: [{ text: "Hello" }] }],
      inferenceConfig: { maxTokens: 64 },
    });
  });

  it("reads Retry-After from a real throttling response", async () => {
    server.respondJson(
      429,
      { message: "Too many requests" },
      {
        "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
        "retry-after": "9",
      },
    );

    const error = await modelFailure(provider.complete(request, { signal }));

    expect(error).toMatchObject({ code: "MODEL_THROTTLED", retryAfterSeconds: 9 });
  });

  it("maps a real ValidationException with Bedrock's message", async () => {
    server.respondJson(
      400,
      { message: "Input is too long for requested model." },
      {
        "x-amzn-errortype": "ValidationException",
      },
    );

    const error = await modelFailure(provider.complete(request, { signal }));

    expect(error.code).toBe("MODEL_REQUEST_REJECTED");
    expect(error.message).toContain(
      "(HTTP 400: ValidationException: Input is too long for requested model.)",
    );
  });

  it("cancels a hanging request after timeoutMs", async () => {
    server.handler = () => {};
    const impatient = new BedrockProvider({
      client,
      inferenceProfileArns: { "claude-sonnet": profileArn },
      timeoutMs: hangTimeoutMs,
    });
    const startedAt = performance.now();

    const error = await modelFailure(impatient.complete(request, { signal }));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "timeout" });
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });
});

/** Encodes ConverseStream events as Bedrock sends them: one binary event-stream message per event. */
const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);

function eventMessage(eventType: string, payload: unknown): Uint8Array {
  const headers: MessageHeaders = {
    ":event-type": { type: "string", value: eventType },
    ":content-type": { type: "string", value: "application/json" },
    ":message-type": { type: "string", value: "event" },
  };
  return codec.encode({ headers, body: new TextEncoder().encode(JSON.stringify(payload)) });
}

function exceptionMessage(exceptionType: string, message: string): Uint8Array {
  const headers: MessageHeaders = {
    ":exception-type": { type: "string", value: exceptionType },
    ":content-type": { type: "string", value: "application/json" },
    ":message-type": { type: "string", value: "exception" },
  };
  return codec.encode({ headers, body: new TextEncoder().encode(JSON.stringify({ message })) });
}

/** The part of an HTTP/2 compatibility response a streaming handler writes to. */
interface StreamingResponse {
  writeHead(status: number, headers?: Record<string, string>): unknown;
  write(chunk: Uint8Array): unknown;
  end(chunk?: Uint8Array): unknown;
}

const toolStreamMessages = [
  eventMessage("messageStart", { role: "assistant" }),
  eventMessage("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Checking." } }),
  eventMessage("contentBlockStop", { contentBlockIndex: 0 }),
  eventMessage("contentBlockStart", {
    contentBlockIndex: 1,
    start: { toolUse: { toolUseId: "tooluse_a", name: "get_weather" } },
  }),
  eventMessage("contentBlockDelta", {
    contentBlockIndex: 1,
    delta: { toolUse: { input: '{"city":"Paris"}' } },
  }),
  eventMessage("contentBlockStop", { contentBlockIndex: 1 }),
  eventMessage("messageStop", { stopReason: "tool_use" }),
  eventMessage("metadata", {
    usage: { inputTokens: 40, outputTokens: 12, totalTokens: 152, cacheReadInputTokens: 100 },
    metrics: { latencyMs: 300 },
  }),
];

async function collect(stream: AsyncIterable<ModelStreamEvent>, seen: ModelStreamEvent[] = []) {
  for await (const event of stream) seen.push(event);
  return seen;
}

describe("BedrockProvider over the wire: ConverseStream", () => {
  it("parses a real event-stream answer through the SDK into text, tool call and finish events", async () => {
    // Prepare
    server.handler = (_request, response) => {
      const streaming = response as unknown as StreamingResponse;
      streaming.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      for (const message of toolStreamMessages) streaming.write(message);
      streaming.end();
    };

    // Act
    const events = await collect(
      provider.stream(
        { ...request, tools: [{ name: "get_weather", parameters: { type: "object" } }] },
        { signal },
      ),
    );

    // Assess
    expect(events).toStrictEqual([
      { type: "text", text: "Checking." },
      { type: "tool_call", index: 0, id: "tooluse_a", name: "get_weather", argumentsDelta: "" },
      { type: "tool_call", index: 0, argumentsDelta: '{"city":"Paris"}' },
      {
        type: "finish",
        finishReason: "tool_calls",
        usage: { inputTokens: 40, outputTokens: 12, cacheReadTokens: 100, cacheWriteTokens: 0 },
      },
    ]);
    expect(decodeURIComponent(server.requests[0]?.path ?? "")).toBe(`/model/${profileArn}/converse-stream`);
    expect(JSON.parse(server.requests[0]?.body ?? "").toolConfig).toEqual({
      tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }],
      toolChoice: { auto: {} },
    });
  });

  it("maps a throttlingException message in the middle of the stream to MODEL_THROTTLED", async () => {
    server.handler = (_request, response) => {
      const streaming = response as unknown as StreamingResponse;
      streaming.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      for (const message of toolStreamMessages.slice(0, 2)) streaming.write(message);
      streaming.end(
        exceptionMessage("throttlingException", "Too many tokens, please wait before trying again."),
      );
    };
    const seen: ModelStreamEvent[] = [];

    const error = await modelFailure(collect(provider.stream(request, { signal }), seen));

    expect(seen).toStrictEqual([{ type: "text", text: "Checking." }]);
    expect(error).toMatchObject({ code: "MODEL_THROTTLED" });
  });

  it("stops a stream the caller aborts while the server holds it open", async () => {
    server.handler = (_request, response) => {
      const streaming = response as unknown as StreamingResponse;
      streaming.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      for (const message of toolStreamMessages.slice(0, 2)) streaming.write(message);
    };
    const controller = new AbortController();
    const seen: ModelStreamEvent[] = [];
    const startedAt = performance.now();

    const reading = modelFailure(
      (async () => {
        for await (const event of provider.stream(request, { signal: controller.signal })) {
          seen.push(event);
          controller.abort();
        }
      })(),
    );
    const error = await reading;

    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
    expect(performance.now() - startedAt).toBeLessThan(answerTimeoutMs);
  });
  it("ends promptly when the consumer stops reading while the server holds the stream open", async () => {
    server.handler = (_request, response) => {
      const streaming = response as unknown as StreamingResponse;
      streaming.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      for (const message of toolStreamMessages.slice(0, 2)) streaming.write(message);
    };
    const startedAt = performance.now();

    for await (const event of provider.stream(request, { signal })) {
      expect(event).toStrictEqual({ type: "text", text: "Checking." });
      break;
    }

    expect(performance.now() - startedAt).toBeLessThan(answerTimeoutMs);
  });
});

describe("BedrockProvider over the wire: the fixtures, as the real SDK parses them", () => {
  // The mocked-client suites hand the provider test/fixtures/bedrock as parsed SDK output. Sent here as
  // Bedrock's JSON and event-stream bytes, they must give the same answer: the fixtures are what the SDK
  // really returns (bytes as Uint8Array, unknown members as `$unknown` or dropped).
  const withTools = {
    ...request,
    tools: [
      { name: "get_weather", parameters: { type: "object" } },
      { name: "get_time", parameters: { type: "object" } },
    ],
  };
  const mockedProvider = (output: unknown, streaming: boolean) => {
    const fake = {
      send: async () =>
        streaming
          ? {
              stream: (async function* () {
                yield* output as object[];
              })(),
            }
          : output,
    } as unknown as BedrockRuntimeClient;
    return new BedrockProvider({ client: fake, inferenceProfileArns: { "claude-sonnet": profileArn } });
  };

  it.each(["text-with-cache", "parallel-tool-use", "reasoning", "citations"])(
    "reads the Converse fixture %s over the wire as from the mocked client",
    async (name) => {
      server.respondJson(200, converseWireBody(name));

      const { latencyMs: _wire, ...overWire } = await provider.complete(withTools, { signal });
      const { latencyMs: _mock, ...mocked } = await mockedProvider(converseFixture(name), false).complete(
        withTools,
        {
          signal,
        },
      );

      expect(overWire).toStrictEqual(mocked);
    },
  );

  it.each(["text-with-cache", "parallel-tool-use", "reasoning", "citations", "json-response-tool"])(
    "reads the ConverseStream fixture %s over the wire as from the mocked client",
    async (name) => {
      server.handler = (_request, response) => {
        const streaming = response as unknown as StreamingResponse;
        streaming.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
        for (const [eventType, payload] of converseStreamWireEvents(name)) {
          streaming.write(eventMessage(eventType, payload));
        }
        streaming.end();
      };

      const overWire = await collect(provider.stream(withTools, { signal }));
      const mocked = await collect(
        mockedProvider(converseStreamFixture(name), true).stream(withTools, { signal }),
      );

      expect(overWire).toStrictEqual(mocked);
      expect(overWire.at(-1)?.type).toBe("finish");
    },
  );
});

describe("BedrockProvider over the wire: InvokeModel embeddings", () => {
  it("posts Cohere's body to the invoke path and takes the usage from Bedrock's token count header", async () => {
    server.respondJson(
      200,
      {
        id: "5d6e1f2a",
        embeddings: {
          float: [
            [0.1, 0.2],
            [0.3, 0.4],
          ],
        },
        texts: ["alpha", "beta"],
        response_type: "embeddings_by_type",
      },
      { "x-amzn-bedrock-input-token-count": "7", "x-amzn-bedrock-invocation-latency": "35" },
    );
    const embedder = new BedrockProvider({
      client,
      inferenceProfileArns: { cohere: profileArn },
      timeoutMs: answerTimeoutMs,
    });

    const response = await embedder.embed(
      {
        modelKey: "cohere",
        providerModelId: "cohere.embed-multilingual-v3",
        inputs: ["alpha", "beta"],
        requestId: "r",
      },
      { signal },
    );

    expect(response.vectors).toEqual([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
    expect(response.usage).toEqual({ inputTokens: 7 });
    expect(decodeURIComponent(server.requests[0]?.path ?? "")).toBe(`/model/${profileArn}/invoke`);
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      texts: ["alpha", "beta"],
      input_type: "search_document",
      embedding_types: ["float"],
    });
  });
});
