import { type AIMessageChunk, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { describe, expect, it } from "vitest";
import {
  callWeather,
  clientBackends,
  closeTo,
  Event,
  pngBytes,
  pngDataUrl,
  weatherTool,
} from "../support/clientBackends.ts";
import { ledgerRows } from "../support/ledgerRows.ts";
import type { ClientsPlatform } from "../support/startClientsPlatform.ts";

/**
 * LangChain (`@langchain/openai` with `@langchain/core`) as a tenant app uses it.
 * Registered by tenantAppClients.test.ts, so every library's tests share one platform start.
 */
export function langChainSuite(clients: () => ClientsPlatform): void {
  describe.each(clientBackends)("LangChain, through $name", (backend) => {
    const chat = () =>
      new ChatOpenAI({
        model: backend.chatModel,
        apiKey: clients().token(backend.tenantId),
        configuration: { baseURL: clients().baseUrl(backend.tenantId) },
      });

    it("streams with .stream() the answer .invoke() gives, with usage, metered once", async () => {
      // Prepare
      const whole = await chat().invoke("stream me a few words");
      const rowsBefore = await ledgerRows(clients().ledger, backend.tenantId);

      // Act
      const chunks: AIMessageChunk[] = [];
      for await (const chunk of await chat().stream("stream me a few words")) chunks.push(chunk);
      const joined = chunks.reduce((sum, chunk) => sum.concat(chunk));

      // Assess
      expect(whole.content).toBe(backend.said("stream me a few words"));
      expect(joined.content).toBe(whole.content);
      expect(chunks.filter((chunk) => chunk.content !== "").length).toBeGreaterThan(1);
      expect(joined.usage_metadata).toMatchObject({
        input_tokens: whole.usage_metadata?.input_tokens,
        output_tokens: whole.usage_metadata?.output_tokens,
      });
      const newRows = (await ledgerRows(clients().ledger, backend.tenantId)).slice(rowsBefore.length);
      expect(newRows).toMatchObject([
        { status: "settled", outputTokens: joined.usage_metadata?.output_tokens },
      ]);
    });

    it("runs a tool round trip with bindTools and a ToolMessage", async () => {
      // Prepare
      const question = new HumanMessage(callWeather);

      // Act
      const call = await chat().bindTools([weatherTool]).invoke([question]);
      const toolCall = call.tool_calls?.[0];
      const answer = await chat()
        .bindTools([weatherTool])
        .invoke([question, call, new ToolMessage({ tool_call_id: toolCall?.id ?? "", content: "21°C" })]);

      // Assess
      expect(toolCall).toMatchObject({ name: "get_weather", args: { city: expect.any(String) } });
      expect(answer.content).toBe(backend.toolReturned("get_weather", "21°C"));
    });

    it("streams a tool call that the chunks assemble", async () => {
      // Act
      const chunks: AIMessageChunk[] = [];
      for await (const chunk of await chat().bindTools([weatherTool]).stream(callWeather)) chunks.push(chunk);
      const joined = chunks.reduce((sum, chunk) => sum.concat(chunk));

      // Assess
      expect(joined.tool_calls).toMatchObject([{ name: "get_weather", args: { city: expect.any(String) } }]);
    });

    it("returns structured output through function calling too", async () => {
      // Act
      const event = await chat()
        .withStructuredOutput(Event, { name: "event", method: "functionCalling" })
        .invoke("Alice and Bob meet on day 3");

      // Assess
      expect(Event.parse(event)).toEqual(event);
    });

    it("returns structured output with withStructuredOutput", async () => {
      // Act
      const event = await chat()
        .withStructuredOutput(Event, { name: "event" })
        .invoke("Alice and Bob meet on day 3");

      // Assess
      expect(Event.parse(event)).toEqual(event);
    });

    it("sends image_url content", async () => {
      // Act
      const answer = await chat().invoke([
        new HumanMessage({
          content: [
            { type: "text", text: "what is this?" },
            { type: "image_url", image_url: { url: pngDataUrl } },
          ],
        }),
      ]);

      // Assess
      expect(answer.content).toBe(backend.saidWithImage("what is this?", pngBytes));
    });

    it("embeds with OpenAIEmbeddings", async () => {
      // Prepare
      const embeddings = new OpenAIEmbeddings({
        model: backend.embeddingModel,
        apiKey: clients().token(backend.tenantId),
        configuration: { baseURL: clients().baseUrl(backend.tenantId) },
      });

      // Act
      const query = await embeddings.embedQuery("first text");
      const documents = await embeddings.embedDocuments(["first text", "second text"]);

      // Assess
      expect(query).toEqual(closeTo(backend.embedding("first text")));
      expect(documents).toEqual([
        closeTo(backend.embedding("first text")),
        closeTo(backend.embedding("second text")),
      ]);
    });
  });
}
