import { ChatOpenAI } from "@langchain/openai";
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import {
  callWeather,
  clientBackends,
  Event,
  upstreamBackend,
  weatherTool,
} from "../support/clientBackends.ts";
import { ledgerRows, rowsOfRequest } from "../support/ledgerRows.ts";
import { type ClientsPlatform, waitFor } from "../support/startClientsPlatform.ts";

/**
 * `n` choices and `logprobs` as tenant apps ask for them with the real clients (the openai SDK's
 * `chat.completions.stream()` helper, LangChain's `n` and `logprobs`), and through an upstream that answers
 * more or fewer choices than asked, or choice indexes beyond `n`. Registered by tenantAppClients.test.ts,
 * so every library's tests share one platform start.
 */
export function nChoicesAndLogprobsSuite(clients: () => ClientsPlatform): void {
  describe.each(clientBackends)("n choices and logprobs, through $name", (backend) => {
    const openai = () =>
      new OpenAI({ baseURL: clients().baseUrl(backend.tenantId), apiKey: clients().token(backend.tenantId) });

    it("answers n = 3 choices with their logprobs, unstreamed, metered once", async () => {
      // Act
      const { data: completion, request_id: requestId } = await openai()
        .chat.completions.create({
          model: backend.choicesModel,
          messages: [{ role: "user", content: "three times" }],
          n: 3,
          logprobs: true,
          top_logprobs: 2,
        })
        .withResponse();

      // Assess
      expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
      for (const choice of completion.choices) {
        expect(choice.message.content).toBe(backend.said("three times"));
        const tokens = choice.logprobs?.content ?? [];
        expect(tokens.map((token) => token.token).join("")).toBe(backend.said("three times"));
        for (const token of tokens) expect(token.top_logprobs.length).toBeLessThanOrEqual(2);
      }
      expect(await rowsOfRequest(clients().ledger, requestId ?? "")).toMatchObject([
        { status: "settled", outputTokens: completion.usage?.completion_tokens },
      ]);
    });

    it("accumulates n = 3 streamed choices with logprobs in the SDK's stream() helper", async () => {
      // Act
      const stream = openai().chat.completions.stream({
        model: backend.choicesModel,
        messages: [{ role: "user", content: "stream three" }],
        n: 3,
        logprobs: true,
        top_logprobs: 1,
        stream_options: { include_usage: true },
      });
      const completion = await stream.finalChatCompletion();

      // Assess
      expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
      for (const choice of completion.choices) {
        expect(choice.message.content).toBe(backend.said("stream three"));
        expect(choice.finish_reason).toBe("stop");
        expect((choice.logprobs?.content ?? []).map((token) => token.token).join("")).toBe(
          backend.said("stream three"),
        );
      }
      expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    });

    it("streams each choice's tool calls under its own index", async () => {
      // Act
      const stream = openai().chat.completions.stream({
        model: backend.choicesModel,
        messages: [{ role: "user", content: callWeather }],
        tools: [weatherTool],
        n: 2,
      });
      const completion = await stream.finalChatCompletion();

      // Assess
      expect(completion.choices).toHaveLength(2);
      for (const choice of completion.choices) {
        expect(choice.finish_reason).toBe("tool_calls");
        expect(choice.message.tool_calls).toHaveLength(1);
        const call = choice.message.tool_calls?.[0];
        expect(call?.type === "function" && JSON.parse(call.function.arguments)).toBeTruthy();
      }
    });

    it("parses structured output in each of n = 2 choices, streamed with the stream() helper", async () => {
      // Act
      const completion = await openai()
        .chat.completions.stream({
          model: backend.choicesModel,
          messages: [{ role: "user", content: "Alice and Bob meet on day 3" }],
          response_format: zodResponseFormat(Event, "event"),
          n: 2,
        })
        .finalChatCompletion();

      // Assess
      expect(completion.choices).toHaveLength(2);
      for (const choice of completion.choices) expect(Event.parse(choice.message.parsed)).toBeTruthy();
    });

    it("gives n = 128 choices an n-th of the tenant's limit each, and refuses more", async () => {
      // Act
      const completion = await openai().chat.completions.create({
        model: backend.choicesModel,
        messages: [{ role: "user", content: "many" }],
        n: 128,
      });
      const refused = await openai()
        .chat.completions.create({
          model: backend.choicesModel,
          messages: [{ role: "user", content: "many" }],
          n: 128,
          max_tokens: 33,
        })
        .catch((caught: unknown) => caught);

      // Assess
      expect(completion.choices).toHaveLength(128);
      expect(refused).toMatchObject({ status: 422 });
    });

    it("settles an aborted n = 2 stream once", async () => {
      // Prepare
      const { data: stream, request_id: requestId } = await openai()
        .chat.completions.create({
          model: backend.choicesModel,
          messages: [{ role: "user", content: "abort me please now" }],
          n: 2,
          stream: true,
        })
        .withResponse();

      // Act
      for await (const _chunk of stream) stream.controller.abort();

      // Assess
      await waitFor(async () => {
        const rows = await rowsOfRequest(clients().ledger, requestId ?? "");
        return rows.length > 0 && rows.every((row) => row.status !== "reserved");
      });
      expect(await rowsOfRequest(clients().ledger, requestId ?? "")).toMatchObject([{ status: "settled" }]);
    });

    it("gives LangChain's ChatOpenAI({ n: 2, logprobs }) two generations with their logprobs", async () => {
      // Prepare
      const chat = new ChatOpenAI({
        model: backend.choicesModel,
        apiKey: clients().token(backend.tenantId),
        configuration: { baseURL: clients().baseUrl(backend.tenantId) },
        n: 2,
        logprobs: true,
        topLogprobs: 2,
      });

      // Act
      const result = await chat.generate([[{ role: "user", content: "two please" }]]);
      const message = await chat.invoke("two please");

      // Assess
      const generations = result.generations[0] ?? [];
      expect(generations.map((generation) => generation.text)).toEqual([
        backend.said("two please"),
        backend.said("two please"),
      ]);
      expect(message.content).toBe(backend.said("two please"));
      const logprobs = message.response_metadata.logprobs as { content: { token: string }[] };
      expect(logprobs.content.map((token) => token.token).join("")).toBe(backend.said("two please"));
    });
  });

  describe("n choices and logprobs, through a misbehaving upstream", () => {
    const openai = () =>
      new OpenAI({
        baseURL: clients().baseUrl(upstreamBackend.tenantId),
        apiKey: clients().token(upstreamBackend.tenantId),
      });
    const ask = { model: upstreamBackend.chatModel, messages: [{ role: "user" as const, content: "hi" }] };

    it("answers the n asked for when the upstream answers more, streamed or not", async () => {
      // Prepare
      clients().upstream.failNext({ type: "choices", count: 4 }, { type: "choices", count: 4 });

      // Act
      const whole = await openai().chat.completions.create({ ...ask, n: 2 });
      const streamed = await openai()
        .chat.completions.stream({ ...ask, n: 2 })
        .finalChatCompletion();

      // Assess
      expect(whole.choices.map((choice) => choice.index)).toEqual([0, 1]);
      expect(streamed.choices.map((choice) => choice.index)).toEqual([0, 1]);
    });

    it("answers one choice when no n was asked for and the upstream answers three", async () => {
      // Prepare
      clients().upstream.failNext({ type: "choices", count: 3 }, { type: "choices", count: 3 });

      // Act
      const whole = await openai().chat.completions.create(ask);
      const streamed = await openai().chat.completions.stream(ask).finalChatCompletion();

      // Assess
      expect(whole.choices).toHaveLength(1);
      expect(streamed.choices).toHaveLength(1);
    });

    it("answers the same choices streamed and not when the upstream ignores n", async () => {
      // Prepare
      clients().upstream.failNext({ type: "choices", count: 1 }, { type: "choices", count: 1 });

      // Act
      const whole = await openai().chat.completions.create({ ...ask, n: 3 });
      const streamed = await openai()
        .chat.completions.stream({ ...ask, n: 3 })
        .finalChatCompletion();

      // Assess
      expect(whole.choices.map((choice) => choice.message.content)).toEqual([upstreamBackend.said("hi")]);
      expect(streamed.choices.map((choice) => choice.message.content)).toEqual(
        whole.choices.map((choice) => choice.message.content),
      );
    });

    it("answers the choices an upstream sends with a gap in their indexes, streamed as unstreamed", async () => {
      // Prepare
      const chunk = (index: number, delta: Record<string, unknown>, finish: string | null = null) => ({
        id: "chatcmpl-x",
        object: "chat.completion.chunk",
        created: 1,
        model: "gpt-4o-mini",
        choices: [{ index, delta, finish_reason: finish, logprobs: null }],
      });
      clients().upstream.failNext({
        type: "events",
        events: [
          chunk(0, { content: "a" }),
          chunk(2, { content: "c" }),
          chunk(0, {}, "stop"),
          chunk(2, {}, "length"),
        ],
      });

      // Act
      const streamed = await openai()
        .chat.completions.stream({ ...ask, n: 3 })
        .finalChatCompletion();

      // Assess
      expect(
        streamed.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason]),
      ).toEqual([
        [0, "a", "stop"],
        [1, "c", "length"],
      ]);
    });

    it("numbers each choice's streamed tool calls from 0, whatever indexes the upstream used", async () => {
      // Prepare
      const chunk = (index: number, delta: Record<string, unknown>, finish: string | null = null) => ({
        id: "chatcmpl-x",
        object: "chat.completion.chunk",
        created: 1,
        model: "gpt-4o-mini",
        choices: [{ index, delta, finish_reason: finish, logprobs: null }],
      });
      const call = (index: number, id: string, name: string, args: string) => ({
        tool_calls: [{ index, id, type: "function", function: { name, arguments: args } }],
      });
      clients().upstream.failNext({
        type: "events",
        events: [
          chunk(0, call(3, "call_a", "get_weather", '{"city":')),
          chunk(1, call(1_000_000, "call_b", "get_weather", '{"city":"Oslo"}')),
          chunk(0, { tool_calls: [{ index: 3, function: { arguments: '"Paris"}' } }] }),
          chunk(0, {}, "tool_calls"),
          chunk(1, {}, "tool_calls"),
        ],
      });

      // Act
      const streamed = await openai()
        .chat.completions.stream({ ...ask, n: 2, tools: [weatherTool] })
        .finalChatCompletion();

      // Assess
      expect(
        streamed.choices.map((choice) =>
          choice.message.tool_calls?.map(
            (toolCall) => toolCall.type === "function" && toolCall.function.arguments,
          ),
        ),
      ).toEqual([['{"city":"Paris"}'], ['{"city":"Oslo"}']]);
    });

    it("drops streamed chunks of choices beyond n and top logprobs beyond 20", async () => {
      // Prepare
      const top = Array.from({ length: 500 }, (_, k) => ({ token: `t${k}`, logprob: -k, bytes: null }));
      const chunk = (index: number, delta: Record<string, unknown>, finish: string | null = null) => ({
        id: "chatcmpl-x",
        object: "chat.completion.chunk",
        created: 1,
        model: "gpt-4o-mini",
        choices: [
          {
            index,
            delta,
            finish_reason: finish,
            logprobs: delta.content
              ? { content: [{ token: delta.content, logprob: -0.5, bytes: null, top_logprobs: top }] }
              : null,
          },
        ],
      });
      clients().upstream.failNext({
        type: "events",
        events: [
          chunk(0, { role: "assistant", content: "" }),
          chunk(0, { content: "a" }),
          chunk(7, { content: "intruder" }),
          chunk(1, { content: "b" }),
          chunk(0, {}, "stop"),
          chunk(1, {}, "stop"),
          chunk(9, {}, "stop"),
        ],
      });

      // Act
      const streamed = await openai()
        .chat.completions.stream({ ...ask, n: 2, logprobs: true, top_logprobs: 20 })
        .finalChatCompletion();

      // Assess
      expect(streamed.choices.map((choice) => choice.message.content)).toEqual(["a", "b"]);
      for (const choice of streamed.choices) {
        expect(choice.logprobs?.content?.[0]?.top_logprobs.length).toBeLessThanOrEqual(20);
      }
    });

    it("passes on log probabilities only when asked for, with at most the top tokens asked for", async () => {
      // Prepare
      const top = [0, 1, 2, 3, 4, 5, 6].map((k) => ({ token: `t${k}`, logprob: -k, bytes: null }));
      const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
        id: "chatcmpl-x",
        object: "chat.completion.chunk",
        created: 1,
        model: "gpt-4o-mini",
        choices: [
          {
            index: 0,
            delta,
            finish_reason: finish,
            logprobs: delta.content
              ? { content: [{ token: delta.content, logprob: -0.5, bytes: null, top_logprobs: top }] }
              : null,
          },
        ],
      });
      const events = [chunk({ role: "assistant", content: "" }), chunk({ content: "a" }), chunk({}, "stop")];
      clients().upstream.failNext({ type: "events", events }, { type: "events", events });

      // Act
      const unasked = await openai().chat.completions.stream(ask).finalChatCompletion();
      const topOne = await openai()
        .chat.completions.stream({ ...ask, logprobs: true, top_logprobs: 1 })
        .finalChatCompletion();

      // Assess
      expect(unasked.choices[0]?.logprobs ?? null).toBeNull();
      expect(topOne.choices[0]?.logprobs?.content?.[0]?.top_logprobs.map((entry) => entry.token)).toEqual([
        "t0",
      ]);
    });

    it.each([
      ["no choice", { choices: [] }],
      [
        "a tool call without an id",
        { choices: [{ index: 0, message: { tool_calls: [{ function: { name: "f" } }] } }] },
      ],
      [
        "only a choice beyond n",
        { choices: [{ index: 3, message: { content: "x" }, finish_reason: "stop" }] },
      ],
    ])("settles an unusable answer with %s that the upstream billed, and says so", async (_case, answer) => {
      // Prepare
      const usage = { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 };
      clients().upstream.failNext({
        type: "body",
        body: { id: "chatcmpl-x", object: "chat.completion", ...answer, usage },
      });
      const rowsBefore = await ledgerRows(clients().ledger, upstreamBackend.tenantId);

      // Act
      const error = await openai()
        .chat.completions.create({ ...ask, n: 2 }, { maxRetries: 0 })
        .catch((caught: unknown) => caught);

      // Assess
      expect(error).toMatchObject({ status: 502, message: expect.stringContaining("is charged") });
      const newRows = (await ledgerRows(clients().ledger, upstreamBackend.tenantId)).slice(rowsBefore.length);
      expect(newRows).toMatchObject([{ status: "settled", inputTokens: 7, outputTokens: 5 }]);
    });

    it("settles an unusable embeddings answer that the upstream billed, and says so", async () => {
      // Prepare
      clients().upstream.failNext({
        type: "body",
        body: { object: "list", data: [{ index: 0, embedding: [0.5] }], usage: { prompt_tokens: 9 } },
      });
      const rowsBefore = await ledgerRows(clients().ledger, upstreamBackend.tenantId);

      // Act
      const error = await openai()
        .embeddings.create({ model: upstreamBackend.embeddingModel, input: ["a", "b"] }, { maxRetries: 0 })
        .catch((caught: unknown) => caught);

      // Assess
      expect(error).toMatchObject({ status: 502, message: expect.stringContaining("is charged") });
      const newRows = (await ledgerRows(clients().ledger, upstreamBackend.tenantId)).slice(rowsBefore.length);
      expect(newRows).toMatchObject([{ status: "settled", inputTokens: 9, outputTokens: 0 }]);
    });
  });
}
