import { describe, expect, it } from "vitest";
import type { ModelError } from "../../../../../runtime/core/models/modelErrors.ts";
import { chatResponseFrom } from "../../../../../runtime/core/models/openAiCompatible/chatResponseFrom.ts";

const context = { provider: "openai-compatible", modelKey: "byok" } as const;
const usage = { prompt_tokens: 20, completion_tokens: 3, total_tokens: 23 };

function body(message: Record<string, unknown>, finishReason: string | null = "stop"): string {
  return JSON.stringify({
    choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
    usage,
  });
}

describe("chatResponseFrom", () => {
  it("reads the content, finish reason and usage", () => {
    expect(chatResponseFrom(body({ content: "Hi!" }), context)).toStrictEqual({
      content: "Hi!",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 20, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0 },
    });
  });

  it("reads tool calls in order, with null content as an empty text", () => {
    const answer = chatResponseFrom(
      body(
        {
          content: null,
          tool_calls: [
            {
              id: "call_a",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Oslo"}' },
            },
            { id: "call_b", type: "function", function: { name: "now", arguments: "{" } },
          ],
        },
        "tool_calls",
      ),
      context,
    );

    expect(answer).toMatchObject({
      content: "",
      finishReason: "tool_calls",
      toolCalls: [
        { id: "call_a", name: "get_weather", arguments: '{"city":"Oslo"}' },
        { id: "call_b", name: "now", arguments: "{" },
      ],
    });
  });

  it("answers a refusal with its text and content_filter", () => {
    const answer = chatResponseFrom(body({ content: null, refusal: "I can't help with that." }), context);

    expect(answer).toMatchObject({ content: "I can't help with that.", finishReason: "content_filter" });
  });

  it("takes a missing content as an empty text", () => {
    expect(chatResponseFrom(body({}), context).content).toBe("");
  });

  it("refuses a tool call without a function name, naming the field", () => {
    let error: ModelError | undefined;
    try {
      chatResponseFrom(
        body({ content: null, tool_calls: [{ id: "c", function: { arguments: "{}" } }] }),
        context,
      );
    } catch (caught) {
      error = caught as ModelError;
    }

    expect(error?.code).toBe("MODEL_BAD_RESPONSE");
    expect(error?.message).toContain(
      "(not a chat completion: choices.0.message.tool_calls.0.function.name: ",
    );
  });

  it("keeps the content tokens' log probabilities: above 0 is 0, missing bytes are null", () => {
    const text = JSON.stringify({
      choices: [
        {
          message: { role: "assistant", content: "Hi!" },
          finish_reason: "stop",
          logprobs: {
            content: [
              {
                token: "Hi",
                logprob: -0.25,
                bytes: [72, 105],
                top_logprobs: [{ token: "Hi", logprob: -0.25 }],
              },
              { token: "!", logprob: 1e-9, bytes: null, top_logprobs: [] },
            ],
            refusal: null,
          },
        },
      ],
      usage,
    });

    expect(chatResponseFrom(text, context, { logprobs: { top: 20 } }).logprobs).toEqual([
      {
        token: "Hi",
        logprob: -0.25,
        bytes: [72, 105],
        topLogprobs: [{ token: "Hi", logprob: -0.25, bytes: null }],
      },
      { token: "!", logprob: 0, bytes: null, topLogprobs: [] },
    ]);
  });

  it("has no log probabilities when the server sent none", () => {
    expect(chatResponseFrom(body({ content: "Hi!" }), context)).not.toHaveProperty("logprobs");
  });

  it("reads every choice in index order: the first as the answer, the others after it", () => {
    const choice = (index: number, content: string, finishReason: string) => ({
      index,
      message: { role: "assistant", content },
      finish_reason: finishReason,
    });
    const text = JSON.stringify({
      choices: [choice(2, "C", "stop"), choice(0, "A", "length"), choice(1, "B", "stop")],
      usage,
    });

    const answer = chatResponseFrom(text, context, { n: 3 });

    expect([answer.content, answer.finishReason]).toEqual(["A", "length"]);
    expect(answer.otherChoices).toEqual([
      { content: "B", toolCalls: [], finishReason: "stop" },
      { content: "C", toolCalls: [], finishReason: "stop" },
    ]);
  });

  it("keeps only the n choices asked for when the server sends more (or repeats an index)", () => {
    const choice = (index: number, content: string) => ({
      index,
      message: { role: "assistant", content },
      finish_reason: "stop",
    });
    const text = JSON.stringify({
      choices: [choice(0, "A"), choice(3, "D"), choice(1, "B"), choice(1, "B again"), choice(2, "C")],
      usage,
    });

    const one = chatResponseFrom(text, context);
    const two = chatResponseFrom(text, context, { n: 2 });
    const three = chatResponseFrom(text, context, { n: 3 });

    expect([one.content, one.otherChoices]).toEqual(["A", undefined]);
    expect([two.content, two.otherChoices?.map((other) => other.content)]).toEqual(["A", ["B"]]);
    expect([three.content, three.otherChoices?.map((other) => other.content)]).toEqual(["A", ["B", "C"]]);
  });

  it("is MODEL_BAD_RESPONSE, with the usage billed, when no choice has an index below n", () => {
    const text = JSON.stringify({
      choices: [{ index: 4, message: { role: "assistant", content: "E" }, finish_reason: "stop" }],
      usage,
    });

    const error = (() => {
      try {
        chatResponseFrom(text, context, { n: 2 });
      } catch (caught) {
        return caught as ModelError & { billedUsage?: unknown };
      }
    })();

    expect(error?.code).toBe("MODEL_BAD_RESPONSE");
    expect(error?.message).toContain("no choice with an index below n = 2");
    expect(error?.billedUsage).toMatchObject({ inputTokens: 20, outputTokens: 3 });
  });

  it("keeps log probabilities only when asked for, with at most the top tokens asked for", () => {
    const top = [0, 1, 2, 3].map((k) => ({ token: `t${k}`, logprob: -k }));
    const text = JSON.stringify({
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "a" },
          finish_reason: "stop",
          logprobs: { content: [{ token: "a", logprob: -0.5, top_logprobs: top }] },
        },
      ],
      usage,
    });

    const unasked = chatResponseFrom(text, context);
    const topOne = chatResponseFrom(text, context, { logprobs: { top: 1 } });

    expect(unasked).not.toHaveProperty("logprobs");
    expect(topOne.logprobs?.[0]?.topLogprobs).toEqual([{ token: "t0", logprob: 0, bytes: null }]);
  });

  it.each([
    ["with its usage, which the server bills", usage, { inputTokens: 20, outputTokens: 3 }],
    ["without usage when the body has none", undefined, undefined],
    ["without usage when its usage is not one", { prompt_tokens: 1, completion_tokens: -1 }, undefined],
  ])("refuses a body without choices %s", (_case, wireUsage, billedUsage) => {
    const error = (() => {
      try {
        chatResponseFrom(JSON.stringify({ choices: [], usage: wireUsage }), context);
      } catch (caught) {
        return caught as ModelError & { billedUsage?: unknown };
      }
    })();

    expect(error?.code).toBe("MODEL_BAD_RESPONSE");
    if (billedUsage === undefined) expect(error?.billedUsage).toBeUndefined();
    else expect(error?.billedUsage).toMatchObject(billedUsage);
  });
});
