import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import {
  asFloat32,
  callWeather,
  clientBackends,
  Event,
  pngBytes,
  pngDataUrl,
  weatherTool,
} from "../support/clientBackends.ts";
import { rowsOfRequest } from "../support/ledgerRows.ts";
import type { ClientsPlatform } from "../support/startClientsPlatform.ts";

/**
 * The official `openai` SDK (v6) as a tenant app uses it, through echo and the OpenAI-compatible upstream.
 * Registered by tenantAppClients.test.ts, so every library's tests share one platform start.
 */
export function openAiSdkSuite(clients: () => ClientsPlatform): void {
  describe.each(clientBackends)("the openai SDK, through $name", (backend) => {
    const openai = () =>
      new OpenAI({ baseURL: clients().baseUrl(backend.tenantId), apiKey: clients().token(backend.tenantId) });

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
      expect(await rowsOfRequest(clients().ledger, requestId ?? "")).toMatchObject([
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
      });

      // Assess
      expect(first.choices[0]?.finish_reason).toBe("tool_calls");
      expect(call.function.name).toBe("get_weather");
      expect(JSON.parse(call.function.arguments)).toEqual({ city: expect.any(String) });
      expect(second.choices[0]?.message.content).toBe(backend.toolReturned("get_weather", "21°C"));
    });

    it("parses structured output with zodResponseFormat", async () => {
      // Act
      const completion = await openai().chat.completions.parse({
        model: backend.chatModel,
        messages: [{ role: "user", content: "Alice and Bob meet on day 3" }],
        response_format: zodResponseFormat(Event, "event"),
      });

      // Assess
      expect(Event.parse(completion.choices[0]?.message.parsed)).toEqual(
        completion.choices[0]?.message.parsed,
      );
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

    it("returns the tokens' log probabilities, the same streamed and not, with top alternatives", async () => {
      // Prepare
      const request = {
        model: backend.choicesModel,
        messages: [{ role: "user" as const, content: "how sure are you" }],
        logprobs: true,
        top_logprobs: 2,
      };

      // Act
      const whole = await openai().chat.completions.create(request);
      const stream = await openai().chat.completions.create({ ...request, stream: true });
      const streamed: OpenAI.ChatCompletionTokenLogprob[] = [];
      for await (const chunk of stream) streamed.push(...(chunk.choices[0]?.logprobs?.content ?? []));

      // Assess
      const tokens = whole.choices[0]?.logprobs?.content ?? [];
      expect(tokens.map((token) => token.token).join("")).toBe(whole.choices[0]?.message.content);
      expect(streamed).toEqual(tokens);
      for (const token of tokens) {
        expect(token.logprob).toBeLessThanOrEqual(0);
        expect(Buffer.from(token.bytes ?? []).toString("utf8")).toBe(token.token);
        expect(token.top_logprobs[0]?.token).toBe(token.token);
        expect(token.top_logprobs.length).toBeLessThanOrEqual(2);
      }
    });

    it("gives n choices, streamed and not, metered as one call", async () => {
      // Prepare
      const request = {
        model: backend.choicesModel,
        messages: [{ role: "user" as const, content: "give me options" }],
        n: 3,
      };

      // Act
      const { data: whole, request_id: requestId } = await openai()
        .chat.completions.create(request)
        .withResponse();
      const stream = await openai().chat.completions.create({
        ...request,
        stream: true,
        stream_options: { include_usage: true },
      });
      const streamed = ["", "", ""];
      const finishReasons: (string | null)[] = [null, null, null];
      let streamedUsage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        for (const choice of chunk.choices) {
          streamed[choice.index] += choice.delta.content ?? "";
          if (choice.finish_reason) finishReasons[choice.index] = choice.finish_reason;
        }
        if (chunk.usage) streamedUsage = chunk.usage;
      }

      // Assess
      expect(whole.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
      expect(whole.choices.map((choice) => choice.message.content)).toEqual(
        Array(3).fill(backend.said("give me options")),
      );
      expect(streamed).toEqual(whole.choices.map((choice) => choice.message.content));
      expect(finishReasons).toEqual(["stop", "stop", "stop"]);
      expect(streamedUsage?.completion_tokens).toBe(whole.usage?.completion_tokens);
      const rows = await rowsOfRequest(clients().ledger, requestId ?? "");
      expect(rows).toMatchObject([{ status: "settled", outputTokens: whole.usage?.completion_tokens }]);
    });

    it("refuses n choices of max_tokens each beyond the tenant's per-request limit", async () => {
      // Act
      const error = await openai()
        .chat.completions.create({
          model: backend.choicesModel,
          messages: [{ role: "user", content: "too much" }],
          n: 2,
          max_tokens: 4000,
        })
        .catch((caught: unknown) => caught as InstanceType<typeof OpenAI.APIError>);

      // Assess
      expect(error).toBeInstanceOf(OpenAI.UnprocessableEntityError);
      expect(error).toMatchObject({ status: 422, param: "max_tokens" });
      expect((error as Error).message).toContain("for each of n = 2 choices (8000 in all)");
    });

    it("returns no log probabilities unless asked", async () => {
      // Act
      const whole = await openai().chat.completions.create({
        model: backend.chatModel,
        messages: [{ role: "user", content: "plain" }],
      });

      // Assess
      expect(whole.choices[0]?.logprobs).toBeNull();
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
      expect(await rowsOfRequest(clients().ledger, completion._request_id ?? "")).toMatchObject([
        { status: "settled" },
      ]);
      expect(clients().logs).toContainEqual(
        expect.objectContaining({ msg: "access", requestId: completion._request_id, status: 200 }),
      );
    });
  });
}
