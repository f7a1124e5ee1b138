import { describe, expect, it } from "vitest";
import { countTokens } from "../../../../runtime/core/models/countTokens.ts";
import { EchoProvider, echoThrottleRetryAfterSeconds } from "../../../../runtime/core/models/echoProvider.ts";
import type { ModelError } from "../../../../runtime/core/models/modelErrors.ts";
import type {
  EmbeddingRequest,
  ModelMessage,
  ModelRequest,
  ModelStreamEvent,
  ModelTool,
} from "../../../../runtime/core/models/modelTypes.ts";
import { schemaErrors } from "./echo/schemaValidator.ts";

const signal = new AbortController().signal;

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

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("the call succeeded");
}

describe("EchoProvider", () => {
  const echo = new EchoProvider();

  it("replies 'echo: ' and the last user message, counting tokens of every message", async () => {
    // Prepare
    const messages: ModelMessage[] = [
      { role: "system", content: "Be brief." }, // 9 bytes: 3 tokens
      user("first"), // 5 bytes: 2 tokens
      { role: "assistant", content: "echo: first" }, // 11 bytes: 3 tokens
      user("hello there"), // 11 bytes: 3 tokens
    ];

    // Act
    const response = await echo.complete(request(messages), { signal });

    // Assess
    expect(response).toEqual({
      content: "echo: hello there",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 11, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 },
      provider: "echo",
      providerModelId: "echo-1",
      latencyMs: expect.any(Number),
    });
    expect(Number.isInteger(response.latencyMs)).toBe(true);
  });

  it("answers the same request the same way every time", async () => {
    const first = await echo.complete(request([user("same")]), { signal });
    const second = await echo.complete(request([user("same")]), { signal });

    expect({ ...second, latencyMs: 0 }).toEqual({ ...first, latencyMs: 0 });
  });

  it("replies 'echo: ' alone when there is no user message", async () => {
    const response = await echo.complete(request([{ role: "system", content: "hi" }]), { signal });

    expect(response.content).toBe("echo: ");
    expect(response.usage).toMatchObject({ inputTokens: 1, outputTokens: 2 });
  });

  it("cuts the reply to maxTokens on a character boundary, with finish reason length", async () => {
    // Prepare: the reply "echo: ééééé" is 16 bytes; 3 tokens allow 12, which would split the 4th é
    const response = await echo.complete(request([user("ééééé")], { maxTokens: 3 }), { signal });

    expect(response.content).toBe("echo: ééé");
    expect(response.finishReason).toBe("length");
    expect(response.usage.outputTokens).toBe(3);
  });

  it("keeps a reply that fits maxTokens exactly, with finish reason stop", async () => {
    const response = await echo.complete(request([user("ab")], { maxTokens: 2 }), { signal });

    expect(response.content).toBe("echo: ab");
    expect(response.finishReason).toBe("stop");
  });

  it("stops before the first stop sequence found in the reply", async () => {
    const response = await echo.complete(request([user("one. two! three")], { stop: ["!", "."] }), {
      signal,
    });

    expect(response.content).toBe("echo: one");
    expect(response.finishReason).toBe("stop");
  });

  it.each([
    ["[[silo:throttle]]", "MODEL_THROTTLED", /^echo throttled model "echo"/],
    ["[[silo:timeout]]", "MODEL_TIMEOUT", /^echo timed out for model "echo"/],
    ["[[silo:error]]", "MODEL_PROVIDER_ERROR", /^echo failed for model "echo" \(injected by/],
    ["[[silo:reject]]", "MODEL_REQUEST_REJECTED", /^echo rejected the request for model "echo"/],
    ["[[silo:bad-response]]", "MODEL_BAD_RESPONSE", /^echo answered for model "echo" with an unusable/],
  ])("throws for the directive %s with code %s", async (directive, code, message) => {
    const error = await failure(echo.complete(request([user(directive)]), { signal }));

    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it(`throttles with a retry after ${echoThrottleRetryAfterSeconds} s`, async () => {
    const error = await failure(echo.complete(request([user("[[silo:throttle]]")]), { signal }));

    expect(error).toMatchObject({ retryAfterSeconds: echoThrottleRetryAfterSeconds });
  });

  it("treats a directive as text when it is not the whole last user message", async () => {
    const earlier = await echo.complete(request([user("[[silo:error]]"), user("fine")]), { signal });
    const padded = await echo.complete(request([user(" [[silo:error]]")]), { signal });
    const fromSystem = await echo.complete(
      request([{ role: "system", content: "[[silo:error]]" }, user("ok")]),
      { signal },
    );

    expect([earlier.content, padded.content, fromSystem.content]).toEqual([
      "echo: fine",
      "echo:  [[silo:error]]",
      "echo: ok",
    ]);
  });

  it("waits for [[silo:sleep:<ms>]], then replies", async () => {
    const startedAt = performance.now();

    const response = await echo.complete(request([user("[[silo:sleep:120]]")]), { signal });

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(110);
    expect(response.content).toBe("echo: [[silo:sleep:120]]");
    expect(response.latencyMs).toBeGreaterThanOrEqual(110);
  });

  it("stops sleeping when the signal aborts, with MODEL_TIMEOUT", async () => {
    // Prepare
    const controller = new AbortController();
    const startedAt = performance.now();
    setTimeout(() => controller.abort(), 50);

    // Act
    const error = await failure(
      echo.complete(request([user("[[silo:sleep:10000]]")]), { signal: controller.signal }),
    );

    // Assess
    expect(error.code).toBe("MODEL_TIMEOUT");
    expect(error.message).toMatch(/^echo was aborted by the caller/);
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it("refuses to start when the signal has already aborted", async () => {
    const error = await failure(echo.complete(request([user("hi")]), { signal: AbortSignal.abort() }));

    expect(error.code).toBe("MODEL_TIMEOUT");
  });
});

const weather: ModelTool = {
  name: "get_weather",
  parameters: {
    type: "object",
    properties: { city: { type: "string", minLength: 1 }, days: { type: "integer", minimum: 1, maximum: 7 } },
    required: ["city", "days"],
    additionalProperties: false,
  },
};

/** Every event of a stream, in order; rejects with the stream's error, carrying the events before it. */
async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    throw Object.assign(error as ModelError, { eventsBefore: events });
  }
  return events;
}

/** The text, tool calls and finish of a stream, put back together as a client would. */
function assemble(events: readonly ModelStreamEvent[]) {
  const calls: { id: string; name: string; arguments: string; deltas: number }[] = [];
  let content = "";
  for (const event of events) {
    if (event.type === "text") content += event.text;
    if (event.type === "tool_call") {
      calls[event.index] ??= { id: event.id ?? "", name: event.name ?? "", arguments: "", deltas: 0 };
      const call = calls[event.index];
      if (call === undefined) continue;
      call.arguments += event.argumentsDelta;
      call.deltas += event.argumentsDelta === "" ? 0 : 1;
    }
  }
  return {
    content,
    calls,
    finish: events.at(-1),
    texts: events.filter((event) => event.type === "text").length,
  };
}

describe("EchoProvider.stream", () => {
  const echo = new EchoProvider();

  it.each<[string, ModelRequest]>([
    ["a plain reply", request([user("hello there, world")])],
    [
      "a reply with an image",
      request([
        {
          role: "user",
          content: [
            { type: "text", text: "look" },
            { type: "image", mediaType: "image/png", data: new Uint8Array(68) },
          ],
        },
      ]),
    ],
    ["a reply cut at maxTokens", request([user("one two three four five")], { maxTokens: 3 })],
    ["a reply cut at a stop sequence", request([user("one two. three")], { stop: ["."] })],
    ["a json_object answer", request([user("hi")], { responseFormat: { type: "json_object" } })],
    [
      "a json_schema answer",
      request([user("hi")], {
        responseFormat: {
          type: "json_schema",
          name: "r",
          schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
        },
      }),
    ],
  ])(
    "streams %s as complete answers it, in 2+ text chunks, then one finish with the same usage",
    async (_name, call) => {
      // Act
      const response = await echo.complete(call, { signal });
      const events = await collect(echo.stream(call, { signal }));

      // Assess
      const streamed = assemble(events);
      expect(streamed.content).toBe(response.content);
      expect(streamed.texts).toBeGreaterThanOrEqual(2);
      expect(events.filter((event) => event.type === "finish")).toHaveLength(1);
      expect(streamed.finish).toEqual({
        type: "finish",
        finishReason: response.finishReason,
        usage: response.usage,
      });
    },
  );

  it("streams tool calls with id and name first, arguments in 2+ deltas, valid against the tool's schema", async () => {
    // Prepare
    const call = request([user("Paris [[silo:call:get_weather]] [[silo:call:get_weather]]")], {
      tools: [weather],
    });

    // Act
    const response = await echo.complete(call, { signal });
    const streamed = assemble(await collect(echo.stream(call, { signal })));

    // Assess
    expect(streamed.calls.map(({ deltas: _deltas, ...rest }) => rest)).toEqual(response.toolCalls);
    expect(streamed.calls.map((toolCall) => toolCall.deltas)).toEqual([2, 2]);
    expect(streamed.content).toBe("");
    expect(streamed.finish).toEqual({ type: "finish", finishReason: "tool_calls", usage: response.usage });
    for (const toolCall of response.toolCalls) {
      expect(schemaErrors(weather.parameters, JSON.parse(toolCall.arguments))).toEqual([]);
    }
  });

  it.each([
    ["[[silo:throttle]]", "MODEL_THROTTLED"],
    ["[[silo:timeout]]", "MODEL_TIMEOUT"],
    ["[[silo:error]]", "MODEL_PROVIDER_ERROR"],
    ["[[silo:reject]]", "MODEL_REQUEST_REJECTED"],
    ["[[silo:bad-response]]", "MODEL_BAD_RESPONSE"],
  ])("fails before the first event for the directive %s, with code %s", async (directive, code) => {
    const error = await failure(collect(echo.stream(request([user(directive)]), { signal })));

    expect(error.code).toBe(code);
    expect(error).toMatchObject({ eventsBefore: [] });
  });

  it("fails after the first text chunk for [[silo:fail-mid-stream]], and at once in complete", async () => {
    const call = request([user("[[silo:fail-mid-stream]]")]);

    const streamError = await failure(collect(echo.stream(call, { signal })));
    const completeError = await failure(echo.complete(call, { signal }));

    expect(streamError.code).toBe("MODEL_PROVIDER_ERROR");
    expect(streamError.message).toContain("[[silo:fail-mid-stream]]");
    expect(streamError).toMatchObject({ eventsBefore: [{ type: "text", text: "echo: " }] });
    expect(completeError.code).toBe("MODEL_PROVIDER_ERROR");
  });

  it("waits [[silo:slow-stream:<ms>]] between events, and complete does not", async () => {
    // Prepare
    const call = request([user("[[silo:slow-stream:60]]")]);

    // Act
    const startedAt = performance.now();
    const events = await collect(echo.stream(call, { signal }));
    const streamedMs = performance.now() - startedAt;
    const response = await echo.complete(call, { signal });

    // Assess: "echo: ", "[[silo:slow-stream:60]]", finish: two waits
    expect(events).toHaveLength(3);
    expect(streamedMs).toBeGreaterThanOrEqual(110);
    expect(response.latencyMs).toBeLessThan(60);
  });

  it("stops a slow stream when the signal aborts mid-stream, with MODEL_TIMEOUT aborted", async () => {
    // Prepare
    const controller = new AbortController();
    const stream = echo.stream(request([user("[[silo:slow-stream:10000]]")]), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    const startedAt = performance.now();
    setTimeout(() => controller.abort(), 30);

    // Act
    const error = await failure(iterator.next());

    // Assess
    expect(first.value).toEqual({ type: "text", text: "echo: " });
    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it("stops between chunks when the signal has aborted", async () => {
    const controller = new AbortController();
    const iterator = echo
      .stream(request([user("a b c d")]), { signal: controller.signal })
      [Symbol.asyncIterator]();

    await iterator.next();
    controller.abort();
    const error = await failure(iterator.next());

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
  });

  it("refuses to start when the signal has already aborted", async () => {
    const error = await failure(collect(echo.stream(request([user("hi")]), { signal: AbortSignal.abort() })));

    expect(error).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted", eventsBefore: [] });
  });

  it("ends when the consumer returns early", async () => {
    const iterator = echo.stream(request([user("a b c d")]), { signal })[Symbol.asyncIterator]();

    await iterator.next();
    const returned = await iterator.return?.(undefined);
    const after = await iterator.next();

    expect(returned?.done).toBe(true);
    expect(after.done).toBe(true);
  });
});

describe("EchoProvider.embed", () => {
  const echo = new EchoProvider();
  const embedding = (overrides: Partial<EmbeddingRequest> = {}): EmbeddingRequest => ({
    modelKey: "echo-embed",
    providerModelId: "echo-embed-1",
    inputs: ["first text", "second", "first text"],
    requestId: "req-1",
    ...overrides,
  });

  it("embeds each input in a unit vector of 1536 numbers by default, the same text the same way", async () => {
    // Act
    const response = await echo.embed(embedding(), { signal });

    // Assess
    const [first, second, third] = response.vectors;
    expect(response.vectors.map((vector) => vector.length)).toEqual([1536, 1536, 1536]);
    expect(response.vectors.map((vector) => Math.hypot(...vector))).toEqual(
      [1, 1, 1].map((one) => expect.closeTo(one, 12)),
    );
    expect(third).toEqual(first);
    expect(second).not.toEqual(first);
    expect(response).toMatchObject({
      usage: { inputTokens: countTokens("first text") * 2 + countTokens("second") },
      provider: "echo",
      providerModelId: "echo-embed-1",
    });
    expect(Number.isInteger(response.latencyMs)).toBe(true);
  });

  it("gives the same vectors on every call", async () => {
    const first = await echo.embed(embedding(), { signal });
    const second = await echo.embed(embedding({ requestId: "req-2" }), { signal });

    expect(second.vectors).toEqual(first.vectors);
  });

  it.each([1, 256, 3072])("makes vectors of %i dimensions", async (dimensions) => {
    const response = await echo.embed(embedding({ dimensions }), { signal });

    expect(response.vectors[0]).toHaveLength(dimensions);
  });

  it.each([0, -1, 3073, 1.5])("refuses %s dimensions, naming the parameter", async (dimensions) => {
    const error = await failure(echo.embed(embedding({ dimensions }), { signal }));

    expect(error).toMatchObject({ code: "MODEL_UNSUPPORTED_PARAMETER", param: "dimensions" });
    expect(error.message).toBe(
      `dimensions: ${dimensions} is not a whole number from 1 to 3072 for model "echo-embed" (echo); ask for 1 to 3072 dimensions, or omit it for 1536`,
    );
  });

  it("rejects an empty input list", async () => {
    const error = await failure(echo.embed(embedding({ inputs: [] }), { signal }));

    expect(error.code).toBe("MODEL_REQUEST_REJECTED");
  });

  it("throws for an input that is a fault directive", async () => {
    const error = await failure(echo.embed(embedding({ inputs: ["fine", "[[silo:throttle]]"] }), { signal }));

    expect(error).toMatchObject({
      code: "MODEL_THROTTLED",
      retryAfterSeconds: echoThrottleRetryAfterSeconds,
    });
  });

  it("stops sleeping on an abort, and refuses to start when already aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);

    const sleeping = await failure(
      echo.embed(embedding({ inputs: ["[[silo:sleep:10000]]"] }), { signal: controller.signal }),
    );
    const aborted = await failure(echo.embed(embedding(), { signal: AbortSignal.abort() }));

    expect(sleeping).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
    expect(aborted).toMatchObject({ code: "MODEL_TIMEOUT", reason: "aborted" });
  });
});
