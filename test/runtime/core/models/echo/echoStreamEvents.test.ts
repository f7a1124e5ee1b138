import { describe, expect, it } from "vitest";
import type { EchoAnswer } from "../../../../../runtime/core/models/echo/echoAnswer.ts";
import { echoChoices } from "../../../../../runtime/core/models/echo/echoChoices.ts";
import { echoStreamEvents } from "../../../../../runtime/core/models/echo/echoStreamEvents.ts";

const usage = { inputTokens: 3, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0 };
const answer = (content: string, toolCalls: EchoAnswer["toolCalls"] = []): EchoAnswer => ({
  content,
  toolCalls,
  finishReason: toolCalls.length > 0 ? "tool_calls" : "stop",
  usage,
});

describe("echoStreamEvents", () => {
  it.each([
    ["echo: hello there", ["echo: ", "hello ", "there"]],
    ["echo:  two  spaces ", ["echo:  ", "two  ", "spaces "]],
    ['{"echo":"x"}', ['{"echo', '":"x"}']],
    ["ab", ["a", "b"]],
    ["a", ["a"]],
    ["😀😀😀", ["😀😀", "😀"]],
    ["", []],
  ])("streams %j as text chunks %j, then finishes with the usage", (content, chunks) => {
    const events = echoStreamEvents(answer(content));

    expect(events).toEqual([
      ...chunks.map((text) => ({ type: "text", text })),
      { type: "finish", finishReason: "stop", usage },
    ]);
  });

  it("streams each tool call as a head with id and name, then its arguments in two deltas", () => {
    const calls = [
      { id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
      { id: "call_2", name: "get_time", arguments: "{}" },
    ];

    expect(echoStreamEvents(answer("", calls))).toEqual([
      { type: "tool_call", index: 0, id: "call_1", name: "get_weather", argumentsDelta: "" },
      { type: "tool_call", index: 0, argumentsDelta: '{"city":' },
      { type: "tool_call", index: 0, argumentsDelta: '"Paris"}' },
      { type: "tool_call", index: 1, id: "call_2", name: "get_time", argumentsDelta: "" },
      { type: "tool_call", index: 1, argumentsDelta: "{" },
      { type: "tool_call", index: 1, argumentsDelta: "}" },
      { type: "finish", finishReason: "tool_calls", usage },
    ]);
  });

  it("gives each text chunk, one token, its log probability 0 and itself as the top token when asked", () => {
    const certain = (token: string) => ({ token, logprob: 0, bytes: [...Buffer.from(token)] });

    const events = echoStreamEvents(answer("echo: hi"), { top: 2 });

    expect(events.slice(0, 2)).toEqual([
      {
        type: "text",
        text: "echo: ",
        logprobs: [{ ...certain("echo: "), topLogprobs: [certain("echo: ")] }],
      },
      { type: "text", text: "hi", logprobs: [{ ...certain("hi"), topLogprobs: [certain("hi")] }] },
    ]);
    expect(echoStreamEvents(answer("echo: hi"), { top: 0 })[0]).toMatchObject({
      logprobs: [{ token: "echo: ", topLogprobs: [] }],
    });
  });

  it("streams n choices one after another, each event with its choice, and every finish reason at the end", () => {
    const events = echoStreamEvents(echoChoices(answer("ab"), 2));

    expect(events).toEqual([
      { type: "text", text: "a" },
      { type: "text", text: "b" },
      { type: "text", text: "a", choice: 1 },
      { type: "text", text: "b", choice: 1 },
      {
        type: "finish",
        finishReason: "stop",
        otherFinishReasons: ["stop"],
        usage: { ...usage, outputTokens: 8 },
      },
    ]);
  });
});
