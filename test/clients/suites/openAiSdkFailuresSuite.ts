import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { echoBackend, upstreamBackend } from "../support/clientBackends.ts";
import { ledgerRows, rowsOfRequest } from "../support/ledgerRows.ts";
import { type ClientsPlatform, waitFor } from "../support/startClientsPlatform.ts";

/**
 * The official `openai` SDK on a spent budget, errors after the first byte, slow streams and aborts.
 * Registered by tenantAppClients.test.ts, so every library's tests share one platform start.
 */
export function openAiSdkFailuresSuite(clients: () => ClientsPlatform): void {
  describe("the openai SDK, on errors and aborts", () => {
    const echoClient = () =>
      new OpenAI({
        baseURL: clients().baseUrl(echoBackend.tenantId),
        apiKey: clients().token(echoBackend.tenantId),
      });

    it("does not retry a spent budget: one insufficient_quota 429, at once", async () => {
      // Prepare
      const openai = new OpenAI({
        baseURL: clients().baseUrl("spent-app"),
        apiKey: clients().token("spent-app"),
      });
      const tenantProcess = clients().platform.processes.get("spent-app")?.process;
      const invocationsBefore = tenantProcess?.invocations ?? 0;
      const started = performance.now();

      // Act
      const error = await openai.chat.completions
        .create({ model: "claude-sonnet", messages: [{ role: "user", content: "anything" }] })
        .catch((caught: unknown) => caught);

      // Assess
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(error).toMatchObject({ status: 429, code: "insufficient_quota", type: "insufficient_quota" });
      const headers = (error as InstanceType<typeof OpenAI.RateLimitError>).headers;
      expect([headers.get("x-should-retry"), headers.get("retry-after")]).toEqual(["false", null]);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((tenantProcess?.invocations ?? 0) - invocationsBefore).toBe(1);
      const accessLines = clients().logs.filter(
        (entry) => entry.msg === "access" && entry.path === "/spent-app/v1/chat/completions",
      );
      expect(accessLines).toMatchObject([{ status: 429, requestId: headers.get("x-request-id") }]);
      expect(await ledgerRows(clients().ledger, "spent-app")).toEqual([]);
    });

    it("surfaces echo's error after the first byte from the stream iterator", async () => {
      // Prepare
      const pieces: string[] = [];

      // Act
      const stream = await echoClient().chat.completions.create({
        model: echoBackend.chatModel,
        messages: [{ role: "user", content: "[[silo:fail-mid-stream]]" }],
        stream: true,
      });
      const error = await (async () => {
        for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? "");
      })().catch((caught: unknown) => caught);

      // Assess
      expect(pieces.join("")).toBe("echo: ");
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as Error).message).toMatch(/\S/);
    });

    it("surfaces the upstream's error after the first byte from the stream iterator", async () => {
      // Prepare
      // The role chunk, then "You " and "said: ".
      clients().upstream.failNext({ type: "stream-error", afterChunks: 3 });
      const openai = new OpenAI({
        baseURL: clients().baseUrl(upstreamBackend.tenantId),
        apiKey: clients().token(upstreamBackend.tenantId),
      });
      const pieces: string[] = [];

      // Act
      const { data: stream, request_id: requestId } = await openai.chat.completions
        .create({
          model: upstreamBackend.chatModel,
          messages: [{ role: "user", content: "this will break" }],
          stream: true,
        })
        .withResponse();
      const error = await (async () => {
        for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? "");
      })().catch((caught: unknown) => caught);

      // Assess
      expect(pieces.join("")).toBe("You said: ");
      expect(error).toBeInstanceOf(OpenAI.APIError);
      await waitFor(async () => {
        const rows = await rowsOfRequest(clients().ledger, requestId ?? "");
        return rows.length === 1 && rows[0]?.status !== "reserved";
      });
    });

    it("delivers echo's first chunk before the stream ends, not buffered", async () => {
      // Prepare
      const started = performance.now();
      const arrivals: number[] = [];

      // Act
      const stream = await echoClient().chat.completions.create({
        model: echoBackend.chatModel,
        messages: [{ role: "user", content: "[[silo:slow-stream:300]]" }],
        stream: true,
      });
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) arrivals.push(performance.now() - started);
      }
      const endedMs = performance.now() - started;

      // Assess
      expect(arrivals.length).toBeGreaterThan(1);
      expect(endedMs - (arrivals[0] ?? endedMs)).toBeGreaterThan(500);
    });

    it("delivers the upstream's first chunk before the stream ends, having asked it for a stream", async () => {
      // Prepare
      clients().upstream.chunkDelayMs = 150;
      const openai = new OpenAI({
        baseURL: clients().baseUrl(upstreamBackend.tenantId),
        apiKey: clients().token(upstreamBackend.tenantId),
      });
      const started = performance.now();
      const arrivals: number[] = [];

      // Act
      const stream = await openai.chat.completions.create({
        model: upstreamBackend.chatModel,
        messages: [{ role: "user", content: "one two three four" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      try {
        for await (const chunk of stream) {
          if (chunk.choices[0]?.delta.content) arrivals.push(performance.now() - started);
        }
      } finally {
        clients().upstream.chunkDelayMs = 0;
      }
      const endedMs = performance.now() - started;

      // Assess
      expect(clients().upstream.requests.at(-1)?.body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
      });
      expect(arrivals).toHaveLength(6);
      expect(endedMs - (arrivals[0] ?? endedMs)).toBeGreaterThan(500);
    });

    it("settles exactly one ledger row for a stream the client aborts", async () => {
      // Prepare
      const { data: stream, request_id: requestId } = await echoClient()
        .chat.completions.create({
          model: echoBackend.chatModel,
          messages: [{ role: "user", content: "[[silo:slow-stream:300]]" }],
          stream: true,
        })
        .withResponse();

      // Act
      for await (const _chunk of stream) {
        stream.controller.abort();
      }

      // Assess
      await waitFor(async () => {
        const rows = await rowsOfRequest(clients().ledger, requestId ?? "");
        return rows.length > 0 && rows.every((row) => row.status !== "reserved");
      });
      expect(await rowsOfRequest(clients().ledger, requestId ?? "")).toMatchObject([{ status: "settled" }]);
    });
  });
}
