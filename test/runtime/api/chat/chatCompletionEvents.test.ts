import { describe, expect, it } from "vitest";
import { chatCompletionEvents } from "../../../../runtime/api/chat/chatCompletionEvents.ts";
import type { MeteredStream, StreamOutcome } from "../../../../runtime/core/metering/meteredStream.ts";
import { ProviderUnavailableError } from "../../../../runtime/core/models/modelErrors.ts";
import type { ModelStreamEvent } from "../../../../runtime/core/models/modelTypes.ts";

const usage = { inputTokens: 5, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** A metered stream of `events`, then (when `failure` is given) that error. */
function meteredOf(events: ModelStreamEvent[], failure?: Error): MeteredStream {
  async function* produce(): AsyncGenerator<ModelStreamEvent, void, undefined> {
    yield* events;
    if (failure) throw failure;
  }
  const outcome: StreamOutcome = { kind: "settled", reason: "finished", usage, counted: false, costUsd: "0" };
  return {
    modelKey: "echo",
    ledgerEntryId: "0193a0e0-0000-7000-8000-000000000001",
    events: produce(),
    outcome: Promise.resolve(outcome),
    timings: { reserveMs: 0, firstEventMs: 0 },
  };
}

async function yielded(stream: MeteredStream): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of await chatCompletionEvents(stream, {
    createdSeconds: 1,
    includeUsage: false,
    requestId: "req-1",
  })) {
    chunks.push(chunk);
  }
  return chunks;
}

const deltasOf = (chunk: string) =>
  chunk
    .split("\n\n")
    .filter((event) => event.startsWith("data: {"))
    .map((event) => JSON.parse(event.slice(6)) as { choices?: { delta: Record<string, unknown> }[] })
    .map((data) => data.choices?.[0]?.delta ?? data);

describe("chatCompletionEvents", () => {
  it("hands on the role chunk in one piece with the first token (one write to the client, not two)", async () => {
    const chunks = await yielded(
      meteredOf([
        { type: "text", text: "Hel" },
        { type: "text", text: "lo" },
        { type: "finish", finishReason: "stop", usage },
      ]),
    );

    expect(deltasOf(chunks[0] ?? "")).toEqual([
      { role: "assistant", content: "", refusal: null },
      { content: "Hel" },
    ]);
    expect(chunks.slice(1).map(deltasOf)).toEqual([[{ content: "lo" }], [{}], []]);
    expect(chunks.at(-1)).toBe("data: [DONE]\n\n");
  });

  it("hands on the role chunk with a first tool call, an empty answer's finish, or an error", async () => {
    const toolCall = await yielded(
      meteredOf([
        { type: "tool_call", index: 0, id: "call_1", name: "lookup", argumentsDelta: "{}" },
        { type: "finish", finishReason: "tool_calls", usage },
      ]),
    );
    const empty = await yielded(meteredOf([{ type: "finish", finishReason: "stop", usage }]));
    const failed = await yielded(meteredOf([], new Error("the provider reset the connection")));

    expect(deltasOf(toolCall[0] ?? "")[0]).toEqual({ role: "assistant", content: "", refusal: null });
    expect(deltasOf(toolCall[0] ?? "")[1]).toMatchObject({ tool_calls: [{ index: 0, id: "call_1" }] });
    expect(deltasOf(empty[0] ?? "")).toEqual([{ role: "assistant", content: "", refusal: null }, {}]);
    expect(deltasOf(failed[0] ?? "")[0]).toEqual({ role: "assistant", content: "", refusal: null });
    expect(failed[0]).toContain('"error"');
    expect(failed).toHaveLength(1);
  });

  it("gives each of n choices its index and role chunk, every finish reason at the end, and logprobs per chunk", async () => {
    const logprobs = [{ token: "A", logprob: -0.5, bytes: [65], topLogprobs: [] }];

    const chunks = await yielded(
      meteredOf([
        { type: "text", text: "A", logprobs },
        { type: "text", text: "B", choice: 1 },
        { type: "tool_call", index: 0, id: "call_1", name: "f", argumentsDelta: "{}", choice: 2 },
        { type: "finish", finishReason: "stop", otherFinishReasons: ["length", "tool_calls"], usage },
      ]),
    );

    const events = chunks
      .join("")
      .split("\n\n")
      .filter((event) => event.startsWith("data: {"))
      .map((event) => JSON.parse(event.slice(6)).choices[0]);
    expect(events.map((choice) => [choice.index, choice.delta, choice.finish_reason])).toEqual([
      [0, { role: "assistant", content: "", refusal: null }, null],
      [0, { content: "A" }, null],
      [1, { role: "assistant", content: "", refusal: null }, null],
      [1, { content: "B" }, null],
      [2, { role: "assistant", content: "", refusal: null }, null],
      [
        2,
        {
          tool_calls: [
            { index: 0, id: "call_1", type: "function", function: { name: "f", arguments: "{}" } },
          ],
        },
        null,
      ],
      [0, {}, "stop"],
      [1, {}, "length"],
      [2, {}, "tool_calls"],
    ]);
    expect(events[1].logprobs).toEqual({
      content: [{ token: "A", logprob: -0.5, bytes: [65], top_logprobs: [] }],
      refusal: null,
    });
  });

  it("says in the error event that the part already produced is charged, when the ledger settled it", async () => {
    const failure = new ProviderUnavailableError({ provider: "echo", modelKey: "echo", detail: "cut" });

    const chunks = await yielded(meteredOf([{ type: "text", text: "Hel" }], failure));

    const last = JSON.parse((chunks.at(-1) ?? "").slice(6)) as { error: { message: string } };
    expect(last.error.message).toContain("after producing part of the answer, which is charged");
  });
});
