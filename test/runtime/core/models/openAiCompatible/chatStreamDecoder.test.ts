import { describe, expect, it } from "vitest";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import type { ModelStreamEvent } from "../../../../../runtime/core/models/modelTypes.ts";
import { ChatStreamDecoder } from "../../../../../runtime/core/models/openAiCompatible/chatStreamDecoder.ts";

const apiKey = "sk-upstream-secret";
const decoder = (asked: ConstructorParameters<typeof ChatStreamDecoder>[1] = {}) =>
  new ChatStreamDecoder({ provider: "openai-compatible", modelKey: "byok", apiKey }, asked);

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
  return JSON.stringify({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    usage: null,
  });
}

function usageChunk(usage: Record<string, unknown>): string {
  return JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", choices: [], usage });
}

function decodeAll(
  data: readonly string[],
  asked: ConstructorParameters<typeof ChatStreamDecoder>[1] = {},
): ModelStreamEvent[] {
  const streamDecoder = decoder(asked);
  return [...data.flatMap((item) => streamDecoder.push(item)), streamDecoder.end()];
}

function thrown(run: () => unknown): ModelError {
  try {
    run();
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("nothing was thrown");
}

describe("ChatStreamDecoder", () => {
  it("turns content deltas into text events and ends with the finish reason and usage", () => {
    const events = decodeAll([
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }),
      chunk({}, "stop"),
      usageChunk({ prompt_tokens: 12, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } }),
      "[DONE]",
    ]);

    expect(events).toStrictEqual([
      { type: "text", text: "Hel" },
      { type: "text", text: "lo" },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 8, outputTokens: 2, cacheReadTokens: 4, cacheWriteTokens: 0 },
      },
    ]);
  });

  it("gives each tool call's id and name on its first event only, and every arguments piece", () => {
    const events = decodeAll([
      chunk({ role: "assistant", content: null }),
      chunk({
        tool_calls: [
          { index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
      chunk({
        tool_calls: [
          { index: 1, id: "call_b", type: "function", function: { name: "now", arguments: "{}" } },
        ],
      }),
      chunk({
        tool_calls: [{ index: 0, id: "call_a", function: { name: "get_weather", arguments: 'ty":"Oslo"}' } }],
      }),
      chunk({}, "tool_calls"),
      "[DONE]",
    ]);

    expect(events).toStrictEqual([
      { type: "tool_call", index: 0, id: "call_a", name: "get_weather", argumentsDelta: "" },
      { type: "tool_call", index: 0, argumentsDelta: '{"ci' },
      { type: "tool_call", index: 1, id: "call_b", name: "now", argumentsDelta: "{}" },
      { type: "tool_call", index: 0, argumentsDelta: 'ty":"Oslo"}' },
      { type: "finish", finishReason: "tool_calls", usage: undefined },
    ]);
  });

  it("finishes with usage undefined when the upstream sent none", () => {
    expect(decodeAll([chunk({ content: "x" }, "length")]).at(-1)).toStrictEqual({
      type: "finish",
      finishReason: "length",
      usage: undefined,
    });
  });

  it("finishes with stop after [DONE] without a finish_reason", () => {
    expect(decodeAll([chunk({ content: "x" }), "[DONE]"]).at(-1)).toMatchObject({ finishReason: "stop" });
  });

  it("streams a refusal as text and finishes with content_filter", () => {
    const events = decodeAll([chunk({ refusal: "I can't" }), chunk({}, "stop"), "[DONE]"]);

    expect(events).toStrictEqual([
      { type: "text", text: "I can't" },
      { type: "finish", finishReason: "content_filter", usage: undefined },
    ]);
  });

  it("ignores anything after [DONE]", () => {
    const streamDecoder = decoder();
    streamDecoder.push("[DONE]");

    expect(streamDecoder.push(chunk({ content: "late" }))).toEqual([]);
    expect(streamDecoder.done).toBe(true);
  });

  it("refuses a body that ended without a finish_reason or [DONE]: the answer may be cut", () => {
    const streamDecoder = decoder();
    streamDecoder.push(chunk({ content: "Hel" }));

    const error = thrown(() => streamDecoder.end());

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain("(the stream ended without a finish_reason or [DONE])");
  });

  it.each([
    [{ message: "The server had an error", type: "server_error" }, "MODEL_PROVIDER_ERROR"],
    [
      { message: "Rate limit reached", type: "rate_limit_error", code: "rate_limit_exceeded" },
      "MODEL_THROTTLED",
    ],
    [{ message: "prompt too long", type: "BadRequestError", code: 400 }, "MODEL_REQUEST_REJECTED"],
    [{ message: "bad", type: "invalid_request_error" }, "MODEL_REQUEST_REJECTED"],
  ])("throws the typed error of an error event %j", (payload, code) => {
    const error = thrown(() => decoder().push(JSON.stringify({ error: payload })));

    expect(error.code).toBe(code);
  });

  it("explains an error event with its message, without the key", () => {
    const error = thrown(() =>
      decoder().push(
        JSON.stringify({ error: { message: `overloaded for ${apiKey}`, type: "server_error" } }),
      ),
    );

    expect(error.message).toContain("(error event in the stream: overloaded for [redacted]);");
  });

  it.each([
    ["not JSON", "{oops", "a stream event is not JSON: "],
    ["not a chunk", JSON.stringify({ choices: "many" }), "not a chat completion chunk: choices: "],
    [
      "a first tool call delta without a name",
      chunk({ tool_calls: [{ index: 0, id: "call_a", function: { arguments: "{}" } }] }),
      "the first delta of tool call 0 has no function.name",
    ],
    [
      "more cached tokens than prompt tokens",
      usageChunk({ prompt_tokens: 1, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 2 } }),
      "usage.prompt_tokens_details.cached_tokens (2) exceeds usage.prompt_tokens (1)",
    ],
  ])("refuses data that is %s with MODEL_BAD_RESPONSE", (_case, data, problem) => {
    const error = thrown(() => decoder().push(data));

    expect(error.code).toBe("MODEL_BAD_RESPONSE");
    expect(error.message).toContain(problem);
  });

  it("hands each content delta's log probabilities on with its text", () => {
    const logprobs = (token: string) => ({
      content: [{ token, logprob: -0.5, bytes: [...Buffer.from(token)], top_logprobs: [] }],
      refusal: null,
    });
    const withLogprobs = (token: string) =>
      JSON.stringify({
        id: "chatcmpl-1",
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta: { content: token }, logprobs: logprobs(token), finish_reason: null }],
      });

    const events = decodeAll(
      [chunk({ role: "assistant", content: "" }), withLogprobs("Hi"), withLogprobs("!"), chunk({}, "stop")],
      { logprobs: { top: 0 } },
    );

    expect(events.slice(0, 2)).toEqual([
      {
        type: "text",
        text: "Hi",
        logprobs: [{ token: "Hi", logprob: -0.5, bytes: [72, 105], topLogprobs: [] }],
      },
      { type: "text", text: "!", logprobs: [{ token: "!", logprob: -0.5, bytes: [33], topLogprobs: [] }] },
    ]);
  });

  it("tells n choices apart by index: their text, their own tool calls and their finish reasons", () => {
    const choiceChunk = (index: number, delta: Record<string, unknown>, finishReason: string | null = null) =>
      JSON.stringify({
        id: "chatcmpl-1",
        object: "chat.completion.chunk",
        choices: [{ index, delta, finish_reason: finishReason }],
      });
    const streamDecoder = decoder({ n: 2 });

    const events = [
      choiceChunk(0, { content: "A" }),
      choiceChunk(1, { tool_calls: [{ index: 0, id: "call_1", function: { name: "f", arguments: "" } }] }),
      choiceChunk(1, { tool_calls: [{ index: 0, function: { arguments: "{}" } }] }),
      choiceChunk(0, {}, "stop"),
      choiceChunk(1, {}, "stop"),
      choiceChunk(2, { content: "beyond n" }),
    ].flatMap((data) => streamDecoder.push(data));

    expect([...events, streamDecoder.end()]).toEqual([
      { type: "text", text: "A" },
      { type: "tool_call", index: 0, id: "call_1", name: "f", argumentsDelta: "", choice: 1 },
      { type: "tool_call", index: 0, argumentsDelta: "{}", choice: 1 },
      { type: "finish", finishReason: "stop", otherFinishReasons: ["tool_calls"], usage: undefined },
    ]);
  });

  it("finishes only the choices the server sent when it answers fewer than n", () => {
    const choiceChunk = (index: number, delta: Record<string, unknown>, finishReason: string | null = null) =>
      JSON.stringify({ choices: [{ index, delta, finish_reason: finishReason }] });
    const decodeWithN = (data: readonly string[]) => {
      const streamDecoder = decoder({ n: 3 });
      return [...data.flatMap((item) => streamDecoder.push(item)), streamDecoder.end()].at(-1);
    };

    const ignoredN = decodeWithN([choiceChunk(0, { content: "A" }), choiceChunk(0, {}, "stop"), "[DONE]"]);
    const twoOfThree = decodeWithN([
      choiceChunk(0, { content: "A" }),
      choiceChunk(1, { content: "B" }),
      choiceChunk(0, {}, "stop"),
      choiceChunk(1, {}, "length"),
      "[DONE]",
    ]);

    expect(ignoredN).toEqual({ type: "finish", finishReason: "stop", usage: undefined });
    expect(twoOfThree).toEqual({
      type: "finish",
      finishReason: "stop",
      otherFinishReasons: ["length"],
      usage: undefined,
    });
  });

  it("hands log probabilities on only when asked for, with at most the top tokens asked for", () => {
    const top = [0, 1, 2, 3].map((k) => ({ token: `t${k}`, logprob: -k }));
    const data = JSON.stringify({
      choices: [
        {
          index: 0,
          delta: { content: "a" },
          logprobs: { content: [{ token: "a", logprob: -0.5, top_logprobs: top }] },
          finish_reason: null,
        },
      ],
    });

    const unasked = decoder().push(data);
    const topOne = decoder({ logprobs: { top: 1 } }).push(data);

    expect(unasked).toEqual([{ type: "text", text: "a" }]);
    expect(topOne).toEqual([
      {
        type: "text",
        text: "a",
        logprobs: [
          { token: "a", logprob: -0.5, bytes: null, topLogprobs: [{ token: "t0", logprob: 0, bytes: null }] },
        ],
      },
    ]);
  });

  it("numbers the choices a server sends with gaps one after another, as an unstreamed answer does", () => {
    const choiceChunk = (index: number, delta: Record<string, unknown>, finishReason: string | null = null) =>
      JSON.stringify({ choices: [{ index, delta, finish_reason: finishReason }] });
    const streamDecoder = decoder({ n: 3 });

    const events = [
      choiceChunk(0, { content: "A" }),
      choiceChunk(2, { content: "C" }),
      choiceChunk(0, {}, "stop"),
      choiceChunk(2, {}, "length"),
      "[DONE]",
    ].flatMap((data) => streamDecoder.push(data));

    expect([...events, streamDecoder.end()]).toEqual([
      { type: "text", text: "A" },
      { type: "text", text: "C", choice: 1 },
      { type: "finish", finishReason: "stop", otherFinishReasons: ["length"], usage: undefined },
    ]);
  });

  it("numbers each choice's tool calls from 0 in order of arrival, whatever indexes the server used", () => {
    const toolChunk = (choice: number, piece: Record<string, unknown>) =>
      JSON.stringify({ choices: [{ index: choice, delta: { tool_calls: [piece] } }] });
    const streamDecoder = decoder({ n: 2 });

    const events = [
      toolChunk(0, { index: 3, id: "call_a", function: { name: "f", arguments: "{" } }),
      toolChunk(1, { index: 1_000_000, id: "call_b", function: { name: "g", arguments: "{}" } }),
      toolChunk(0, { index: 7, id: "call_c", function: { name: "h", arguments: "{}" } }),
      toolChunk(0, { index: 3, function: { arguments: "}" } }),
    ].flatMap((data) => streamDecoder.push(data));

    expect(events).toEqual([
      { type: "tool_call", index: 0, id: "call_a", name: "f", argumentsDelta: "{" },
      { type: "tool_call", index: 0, id: "call_b", name: "g", argumentsDelta: "{}", choice: 1 },
      { type: "tool_call", index: 1, id: "call_c", name: "h", argumentsDelta: "{}" },
      { type: "tool_call", index: 0, argumentsDelta: "}" },
    ]);
  });
});
