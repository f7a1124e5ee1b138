import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { tool as langChainTool } from "@langchain/core/tools";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { embedMany, generateObject, generateText, tool } from "ai";
import OpenAI from "openai";
import { zodFunction } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { maxEmbeddingInputs } from "../../../runtime/api/schemas/embeddings.ts";
import { callWeather, clientBackends, Event, upstreamBackend } from "../support/clientBackends.ts";
import { ledgerRows } from "../support/ledgerRows.ts";
import type { ClientsPlatform } from "../support/startClientsPlatform.ts";

const City = z.object({ city: z.string() });

/**
 * What tenant apps send beyond the basics: the parameters current clients and apps add (store, metadata,
 * service_tier, reasoning_effort, prediction, ...), the SDK helpers that loop over tools, forced tool
 * choices, array and enum objects, every structured-output method of LangChain, and embedding batches that
 * the clients split into several calls. Registered by tenantAppClients.test.ts (one platform start).
 */
export function clientDefaultsSuite(clients: () => ClientsPlatform): void {
  describe.each(clientBackends)("tenant-app defaults and helpers, through $name", (backend) => {
    const openai = () =>
      new OpenAI({ baseURL: clients().baseUrl(backend.tenantId), apiKey: clients().token(backend.tenantId) });
    const provider = () =>
      createOpenAICompatible({
        name: "silo",
        baseURL: clients().baseUrl(backend.tenantId),
        apiKey: clients().token(backend.tenantId),
        supportsStructuredOutputs: true,
      });
    const chat = () =>
      new ChatOpenAI({
        model: backend.chatModel,
        apiKey: clients().token(backend.tenantId),
        configuration: { baseURL: clients().baseUrl(backend.tenantId) },
      });

    it("answers the same with the parameters apps add that do not change the answer's shape", async () => {
      // Act
      const completion = await openai().chat.completions.create({
        model: backend.chatModel,
        messages: [{ role: "user", content: "hello there" }],
        max_completion_tokens: 100,
        store: false,
        metadata: { feature: "support" },
        service_tier: "auto",
        reasoning_effort: "low",
        prediction: { type: "content", content: "hello" },
        response_format: { type: "text" },
        modalities: ["text"],
        stop: "never-said",
        seed: 7,
        user: "user-42",
        n: 1,
        logprobs: false,
        frequency_penalty: 0,
        presence_penalty: 0,
        logit_bias: { "50256": -100 },
        prompt_cache_key: "session-1",
        safety_identifier: "user-42",
      });

      // Assess
      expect(completion.choices[0]?.message.content).toBe(backend.said("hello there"));
    });

    it("runs a tool loop with runTools and a zod function", async () => {
      // Prepare
      const calledWith: unknown[] = [];
      const getWeather = zodFunction({
        name: "get_weather",
        parameters: City,
        function: (input: z.infer<typeof City>) => {
          calledWith.push(input);
          return "21°C";
        },
      });

      // Act
      const runner = openai().chat.completions.runTools({
        model: backend.chatModel,
        messages: [{ role: "user", content: callWeather }],
        tools: [getWeather],
      });
      const content = await runner.finalContent();

      // Assess
      expect(calledWith).toEqual([{ city: expect.any(String) }]);
      expect(content).toBe(backend.toolReturned("get_weather", "21°C"));
    });

    it("calls the tool the AI SDK forces, required or by name, without asking in the prompt", async () => {
      // Prepare
      const getWeather = tool({ description: "The weather in a city", inputSchema: City });

      // Act
      const required = await generateText({
        model: provider()(backend.chatModel),
        prompt: "hello",
        tools: { get_weather: getWeather },
        toolChoice: "required",
      });
      const named = await generateText({
        model: provider()(backend.chatModel),
        prompt: "hello",
        tools: { get_weather: getWeather },
        toolChoice: { type: "tool", toolName: "get_weather" },
      });

      // Assess
      expect(required.toolCalls.map((call) => call.toolName)).toEqual(["get_weather"]);
      expect(named.toolCalls.map((call) => [call.toolName, City.safeParse(call.input).success])).toEqual([
        ["get_weather", true],
      ]);
    });

    it("generates array and enum objects with generateObject", async () => {
      // Act
      const array = await generateObject({
        model: provider()(backend.chatModel),
        output: "array",
        schema: Event,
        prompt: "list the events",
      });
      const choice = await generateObject({
        model: provider()(backend.chatModel),
        output: "enum",
        enum: ["red", "blue"],
        prompt: "pick a colour",
      });

      // Assess
      expect(z.array(Event).parse(array.object)).toEqual(array.object);
      expect(["red", "blue"]).toContain(choice.object);
    });

    it("splits embedMany over the texts one call takes, each call metered", async () => {
      // Prepare
      const values = Array.from({ length: maxEmbeddingInputs + 1 }, (_, index) => `text ${index}`);
      const rowsBefore = await ledgerRows(clients().ledger, backend.tenantId);

      // Act
      const { embeddings } = await embedMany({
        model: provider().embeddingModel(backend.embeddingModel),
        values,
        providerOptions: { silo: { dimensions: 8 } },
      });

      // Assess
      expect(embeddings.map((vector) => vector.length)).toEqual(values.map(() => 8));
      const newRows = (await ledgerRows(clients().ledger, backend.tenantId)).slice(rowsBefore.length);
      expect(newRows).toMatchObject([
        { status: "settled", modelKey: backend.embeddingModel },
        { status: "settled", modelKey: backend.embeddingModel },
      ]);
    });

    it("forces LangChain's tool choice, any or by name", async () => {
      // Prepare
      const getWeather = langChainTool(async () => "21°C", {
        name: "get_weather",
        description: "The weather in a city",
        schema: City,
      });

      // Act
      const any = await chat().bindTools([getWeather], { tool_choice: "any" }).invoke("hello");
      const named = await chat().bindTools([getWeather], { tool_choice: "get_weather" }).invoke("hello");

      // Assess
      expect(any.tool_calls?.map((call) => call.name)).toEqual(["get_weather"]);
      expect(named.tool_calls?.map((call) => call.name)).toEqual(["get_weather"]);
    });

    it("returns structured output with each LangChain method that carries the schema", async () => {
      // Act
      const answers = [
        await chat().withStructuredOutput(Event, { method: "jsonSchema", strict: true }).invoke("an event"),
        await chat()
          .withStructuredOutput(Event, { method: "functionCalling", strict: true })
          .invoke("an event"),
        (await chat().withStructuredOutput(Event, { includeRaw: true }).invoke("an event")).parsed,
      ];

      // Assess
      for (const answer of answers) expect(Event.parse(answer)).toEqual(answer);
    });

    it("sends OpenAIEmbeddings' batches as separate calls, each metered", async () => {
      // Prepare
      const embeddings = new OpenAIEmbeddings({
        model: backend.embeddingModel,
        apiKey: clients().token(backend.tenantId),
        configuration: { baseURL: clients().baseUrl(backend.tenantId) },
        batchSize: 2,
        dimensions: 8,
      });
      const rowsBefore = await ledgerRows(clients().ledger, backend.tenantId);

      // Act
      const vectors = await embeddings.embedDocuments(["one", "two\nlines", "three", "four", "five"]);

      // Assess
      expect(vectors.map((vector) => vector.length)).toEqual([8, 8, 8, 8, 8]);
      const newRows = (await ledgerRows(clients().ledger, backend.tenantId)).slice(rowsBefore.length);
      expect(newRows.map((row) => row.status)).toEqual(["settled", "settled", "settled"]);
    });
  });

  describe("tenant-app parameters, at the OpenAI-compatible upstream", () => {
    it("passes reasoning_effort on and keeps service_tier, whose prices the ledger does not know, back", async () => {
      // Prepare
      const openai = new OpenAI({
        baseURL: clients().baseUrl(upstreamBackend.tenantId),
        apiKey: clients().token(upstreamBackend.tenantId),
      });

      // Act
      await openai.chat.completions.create({
        model: upstreamBackend.chatModel,
        messages: [{ role: "user", content: "think a little" }],
        reasoning_effort: "low",
        service_tier: "priority",
      });

      // Assess
      const sent = clients().upstream.requests.at(-1)?.body as Record<string, unknown>;
      expect(sent.reasoning_effort).toBe("low");
      expect(sent).not.toHaveProperty("service_tier");
    });
  });

  describe("the AI SDK on a spent budget", () => {
    it("throws insufficient_quota at once with maxRetries: 0, the call refused before any model", async () => {
      // Prepare
      const spent = createOpenAICompatible({
        name: "silo",
        baseURL: clients().baseUrl("spent-app"),
        apiKey: clients().token("spent-app"),
      });
      const started = performance.now();

      // Act
      const error = await generateText({
        model: spent("claude-sonnet"),
        prompt: "hello",
        maxRetries: 0,
      }).catch((caught: unknown) => caught);

      // Assess
      expect(error).toMatchObject({ statusCode: 429, data: { error: { code: "insufficient_quota" } } });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(await ledgerRows(clients().ledger, "spent-app")).toEqual([]);
    });
  });
}
