import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { embed, embedMany, generateObject, generateText, Output, stepCountIs, streamText, tool } from "ai";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  callWeather,
  clientBackends,
  closeTo,
  Event,
  pngBase64,
  pngBytes,
} from "../support/clientBackends.ts";
import { ledgerRows } from "../support/ledgerRows.ts";
import type { ClientsPlatform } from "../support/startClientsPlatform.ts";

/**
 * The Vercel AI SDK (`ai` v6 with `@ai-sdk/openai-compatible` v2) as a tenant app uses it.
 * Registered by tenantAppClients.test.ts, so every library's tests share one platform start.
 */
export function aiSdkSuite(clients: () => ClientsPlatform): void {
  describe.each(clientBackends)("the Vercel AI SDK, through $name", (backend) => {
    const provider = () =>
      createOpenAICompatible({
        name: "silo",
        baseURL: clients().baseUrl(backend.tenantId),
        apiKey: clients().token(backend.tenantId),
        includeUsage: true,
        supportsStructuredOutputs: true,
      });

    it("streams with streamText the text generateText gives, with usage, metered once", async () => {
      // Prepare
      const prompt = "stream me a few words";
      const whole = await generateText({ model: provider()(backend.chatModel), prompt });
      const rowsBefore = await ledgerRows(clients().ledger, backend.tenantId);

      // Act
      const result = streamText({ model: provider()(backend.chatModel), prompt });
      const pieces: string[] = [];
      for await (const piece of result.textStream) pieces.push(piece);
      const usage = await result.usage;

      // Assess
      expect(whole.text).toBe(backend.said(prompt));
      expect(pieces.join("")).toBe(whole.text);
      expect(pieces.length).toBeGreaterThan(1);
      expect(usage).toMatchObject({
        inputTokens: whole.usage.inputTokens,
        outputTokens: whole.usage.outputTokens,
      });
      const newRows = (await ledgerRows(clients().ledger, backend.tenantId)).slice(rowsBefore.length);
      expect(newRows).toMatchObject([{ status: "settled", outputTokens: usage.outputTokens }]);
    });

    it("runs a tool round trip with generateText", async () => {
      // Prepare
      const calledWith: unknown[] = [];
      const getWeather = tool({
        description: "The weather in a city",
        inputSchema: z.object({ city: z.string() }),
        execute: async (input) => {
          calledWith.push(input);
          return "21°C";
        },
      });

      // Act
      const result = await generateText({
        model: provider()(backend.chatModel),
        prompt: callWeather,
        tools: { get_weather: getWeather },
        stopWhen: stepCountIs(2),
      });

      // Assess
      expect(calledWith).toEqual([{ city: expect.any(String) }]);
      expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
      expect(result.text).toBe(backend.toolReturned("get_weather", "21°C"));
    });

    it("streams a tool round trip and a structured object with streamText", async () => {
      // Prepare
      const getWeather = tool({
        description: "The weather in a city",
        inputSchema: z.object({ city: z.string() }),
        execute: async () => "21°C",
      });

      // Act
      const withTool = streamText({
        model: provider()(backend.chatModel),
        prompt: callWeather,
        tools: { get_weather: getWeather },
        stopWhen: stepCountIs(2),
      });
      const structured = streamText({
        model: provider()(backend.chatModel),
        output: Output.object({ schema: Event }),
        prompt: "Alice and Bob meet on day 3",
      });

      // Assess
      expect(await withTool.text).toBe(backend.toolReturned("get_weather", "21°C"));
      expect((await withTool.steps).map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([
        ["get_weather"],
        [],
      ]);
      const object = await structured.output;
      expect(Event.parse(object)).toEqual(object);
    });

    it("generates an object with generateObject and with generateText's output", async () => {
      // Act
      const { object } = await generateObject({
        model: provider()(backend.chatModel),
        schema: Event,
        prompt: "Alice and Bob meet on day 3",
      });
      const { output } = await generateText({
        model: provider()(backend.chatModel),
        output: Output.object({ schema: Event }),
        prompt: "Alice and Bob meet on day 3",
      });

      // Assess
      expect(Event.parse(object)).toEqual(object);
      expect(Event.parse(output)).toEqual(output);
    });

    it("sends an image part", async () => {
      // Act
      const { text } = await generateText({
        model: provider()(backend.chatModel),
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "what is this?" },
              { type: "image", image: Buffer.from(pngBase64, "base64"), mediaType: "image/png" },
            ],
          },
        ],
      });

      // Assess
      expect(text).toBe(backend.saidWithImage("what is this?", pngBytes));
    });

    it("embeds with embed and embedMany", async () => {
      // Act
      const single = await embed({
        model: provider().embeddingModel(backend.embeddingModel),
        value: "first text",
      });
      const many = await embedMany({
        model: provider().embeddingModel(backend.embeddingModel),
        values: ["first text", "second text"],
      });

      // Assess
      expect(single.embedding).toEqual(closeTo(backend.embedding("first text")));
      expect(many.embeddings).toEqual([
        closeTo(backend.embedding("first text")),
        closeTo(backend.embedding("second text")),
      ]);
      expect(many.usage.tokens).toBeGreaterThan(0);
    });
  });
}
