import type { ConverseStreamOutput } from "@aws-sdk/client-bedrock-runtime";
import { describe, expect, it } from "vitest";
import { converseStreamEvents } from "../../../../../runtime/core/models/bedrock/converseStreamEvents.ts";
import type { ModelStreamEvent } from "../../../../../runtime/core/models/modelTypes.ts";

const context = { provider: "bedrock" as const, modelKey: "claude-sonnet" };
const textPlan = { jsonToolName: undefined, singleToolCall: false };

async function* from(events: readonly ConverseStreamOutput[]): AsyncGenerator<ConverseStreamOutput> {
  yield* events;
}

async function collect(
  events: readonly ConverseStreamOutput[],
  plan: { jsonToolName: string | undefined; singleToolCall: boolean } = textPlan,
): Promise<ModelStreamEvent[]> {
  const out: ModelStreamEvent[] = [];
  for await (const event of converseStreamEvents(from(events), plan, context)) out.push(event);
  return out;
}

const metadata: ConverseStreamOutput = {
  metadata: {
    usage: {
      inputTokens: 20,
      outputTokens: 30,
      totalTokens: 150,
      cacheReadInputTokens: 80,
      cacheWriteInputTokens: 20,
    },
    metrics: { latencyMs: 500 },
  },
};

/** Claude's two parallel calls, as ConverseStream sends them. */
const toolStream: ConverseStreamOutput[] = [
  { messageStart: { role: "assistant" } },
  { contentBlockDelta: { delta: { text: "Checking." }, contentBlockIndex: 0 } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  {
    contentBlockStart: {
      start: { toolUse: { toolUseId: "tooluse_a", name: "get_weather" } },
      contentBlockIndex: 1,
    },
  },
  { contentBlockDelta: { delta: { toolUse: { input: '{"city":' } }, contentBlockIndex: 1 } },
  { contentBlockDelta: { delta: { toolUse: { input: '"Paris"}' } }, contentBlockIndex: 1 } },
  { contentBlockStop: { contentBlockIndex: 1 } },
  {
    contentBlockStart: {
      start: { toolUse: { toolUseId: "tooluse_b", name: "get_weather" } },
      contentBlockIndex: 2,
    },
  },
  { contentBlockDelta: { delta: { toolUse: { input: '{"city":"Oslo"}' } }, contentBlockIndex: 2 } },
  { contentBlockStop: { contentBlockIndex: 2 } },
  { messageStop: { stopReason: "tool_use" } },
  metadata,
];

describe("converseStreamEvents", () => {
  it("maps text deltas, then finish with the stop reason and the metadata's usage", async () => {
    const events = await collect([
      { messageStart: { role: "assistant" } },
      { contentBlockDelta: { delta: { text: "Hel" }, contentBlockIndex: 0 } },
      { contentBlockDelta: { delta: { text: "lo." }, contentBlockIndex: 0 } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: "end_turn" } },
      metadata,
    ]);

    expect(events).toStrictEqual([
      { type: "text", text: "Hel" },
      { type: "text", text: "lo." },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 20, outputTokens: 30, cacheReadTokens: 80, cacheWriteTokens: 20 },
      },
    ]);
  });

  it("maps two parallel tool calls to indexed tool_call events", async () => {
    const events = await collect(toolStream);

    expect(events).toStrictEqual([
      { type: "text", text: "Checking." },
      { type: "tool_call", index: 0, id: "tooluse_a", name: "get_weather", argumentsDelta: "" },
      { type: "tool_call", index: 0, argumentsDelta: '{"city":' },
      { type: "tool_call", index: 0, argumentsDelta: '"Paris"}' },
      { type: "tool_call", index: 1, id: "tooluse_b", name: "get_weather", argumentsDelta: "" },
      { type: "tool_call", index: 1, argumentsDelta: '{"city":"Oslo"}' },
      { type: "finish", finishReason: "tool_calls", usage: expect.any(Object) },
    ]);
  });

  it("drops every call after the first when parallel tool calls are off", async () => {
    const events = await collect(toolStream, { jsonToolName: undefined, singleToolCall: true });

    expect(events.filter((event) => event.type === "tool_call").map((event) => event.index)).toEqual([
      0, 0, 0,
    ]);
  });

  it("emits the JSON tool's input as text and finishes with stop", async () => {
    const events = await collect(
      [
        { messageStart: { role: "assistant" } },
        {
          contentBlockStart: {
            start: { toolUse: { toolUseId: "t_j", name: "json_response" } },
            contentBlockIndex: 0,
          },
        },
        { contentBlockDelta: { delta: { toolUse: { input: "" } }, contentBlockIndex: 0 } },
        { contentBlockDelta: { delta: { toolUse: { input: '{"answer":' } }, contentBlockIndex: 0 } },
        { contentBlockDelta: { delta: { toolUse: { input: '"42"}' } }, contentBlockIndex: 0 } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: "tool_use" } },
        metadata,
      ],
      { jsonToolName: "json_response", singleToolCall: false },
    );

    expect(events.slice(0, -1)).toStrictEqual([
      { type: "text", text: '{"answer":' },
      { type: "text", text: '"42"}' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
  });

  it("finishes without usage when no metadata arrives", async () => {
    const events = await collect([{ messageStop: { stopReason: "max_tokens" } }]);

    expect(events).toStrictEqual([{ type: "finish", finishReason: "length", usage: undefined }]);
  });

  it("refuses a stream that ends before messageStop", async () => {
    await expect(
      collect([{ contentBlockDelta: { delta: { text: "Hi" }, contentBlockIndex: 0 } }]),
    ).rejects.toThrow("(the ConverseStream ended without messageStop)");
  });

  it("throws an exception event as an error named like the SDK's exception", async () => {
    const error = await collect([
      { contentBlockDelta: { delta: { text: "Hi" }, contentBlockIndex: 0 } },
      {
        throttlingException: {
          name: "ThrottlingException",
          message: "Too many tokens",
          $fault: "client",
          $metadata: {},
        },
      },
    ]).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "ThrottlingException", message: "Too many tokens" });
  });
});

describe("converseStreamEvents: the JSON tool beside the caller's tools", () => {
  const jsonPlan = { jsonToolName: "json_response", singleToolCall: false };
  const start = (contentBlockIndex: number, toolUseId: string, name: string): ConverseStreamOutput => ({
    contentBlockStart: { start: { toolUse: { toolUseId, name } }, contentBlockIndex },
  });
  const input = (contentBlockIndex: number, text: string): ConverseStreamOutput => ({
    contentBlockDelta: { delta: { toolUse: { input: text } }, contentBlockIndex },
  });

  it("answers with the caller's call, not the JSON, when the model called both (the call first)", async () => {
    const events = await collect(
      [
        { messageStart: { role: "assistant" } },
        start(0, "tooluse_a", "get_weather"),
        input(0, '{"city":"Oslo"}'),
        { contentBlockStop: { contentBlockIndex: 0 } },
        start(1, "tooluse_j", "json_response"),
        input(1, '{"answer":"later"}'),
        { contentBlockStop: { contentBlockIndex: 1 } },
        { messageStop: { stopReason: "tool_use" } },
        metadata,
      ],
      jsonPlan,
    );

    expect(events.filter((event) => event.type === "text")).toStrictEqual([]);
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls" });
  });
});
