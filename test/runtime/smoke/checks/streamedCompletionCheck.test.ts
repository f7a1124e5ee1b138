import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStreamedCompletion } from "../../../../runtime/smoke/checks/streamedCompletionCheck.ts";
import { createSmokeClient } from "../../../../runtime/smoke/smokeClient.ts";
import type { SmokeContext } from "../../../../runtime/smoke/smokeContext.ts";
import { fail } from "../../../../runtime/smoke/smokeReport.ts";
import { fakeSmokeContext, fakeTokens, response } from "../fakeSmokeContext.ts";
import { answerChunks, chunk, sseBody } from "./chatStreamBody.ts";

let server: Server;
let url: string;
const received: unknown[] = [];

beforeAll(async () => {
  // Streams its answer in pieces over HTTP, as the tenant API does, so the real smoke client reads it.
  server = createServer((request, answer) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", async () => {
      received.push(JSON.parse(Buffer.concat(parts).toString("utf8")));
      answer.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "x-request-id": "req-stream",
      });
      for (const event of sseBody(answerChunks(["echo: ", "ok"]))
        .split("\n\n")
        .filter(Boolean)) {
        answer.write(`${event}\n\n`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      answer.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The check against a fake API that answers the stream request with `answer`. */
function checkAgainst(answer: ReturnType<typeof response>, expectedText?: string) {
  const { context } = fakeSmokeContext(() => answer);
  return checkStreamedCompletion(context, "globex", "nova-micro", expectedText);
}

const streamed = (body: string, headers?: Record<string, string>) =>
  response(200, body, "text/event-stream", headers);

describe("checkStreamedCompletion", () => {
  it("passes a well-formed stream read over HTTP, asking for it with include_usage", async () => {
    const context: SmokeContext = {
      client: createSmokeClient({ baseUrl: url, timeoutMs: 5000 }),
      tokens: fakeTokens,
      check: async (_name, _tenant, run) => (await run().catch((error: Error) => fail(error.message))).status,
    };

    const outcome = await checkStreamedCompletion(context, "globex", "nova-micro", "echo: ok");

    expect(outcome).toEqual({
      status: "pass",
      detail:
        "200, 5 chunks and [DONE], 8 characters, 10 + 3 tokens, stop, the same text as the non-streamed answer",
    });
    expect(received.at(-1)).toEqual({
      model: "nova-micro",
      messages: [{ role: "user", content: "silo smoke test: reply with the word ok" }],
      max_tokens: 32,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("fails a deterministic model whose streamed text differs from its non-streamed answer", async () => {
    const outcome = await checkAgainst(streamed(sseBody(answerChunks(["echo: ", "o"]))), "echo: ok");

    expect(outcome).toEqual({
      status: "fail",
      detail: '200, but a deterministic model streamed "echo: o", not its non-streamed answer "echo: ok"',
    });
  });

  it("fails a stream without x-request-id, content or [DONE], naming each", async () => {
    const body = sseBody([chunk({ role: "assistant", content: "" }), chunk({}, "stop")], false);

    const outcome = await checkAgainst(streamed(body, {}));

    expect(outcome).toEqual({
      status: "fail",
      detail:
        "200, but no x-request-id header; does not end with data: [DONE]; include_usage asked for a last chunk with the usage; there is none; no content in any chunk",
    });
  });

  it("fails chunks from another model", async () => {
    const body = sseBody([chunk({ content: "ok" }, "stop", "haiku"), ...answerChunks([]).slice(-1)]);

    expect((await checkAgainst(streamed(body))).detail).toBe(
      "200, but chunks from model haiku, nova-micro, not nova-micro",
    );
  });

  it("fails an API that answers a stream request with JSON, or with an error", async () => {
    expect(await checkAgainst(response(200, { id: "chatcmpl-1" }))).toEqual({
      status: "fail",
      detail: "200, but application/json, not text/event-stream",
    });
    expect(
      await checkAgainst(
        response(
          400,
          { code: "VALIDATION_FAILED", detail: "streaming is not supported" },
          "application/problem+json",
        ),
      ),
    ).toEqual({
      status: "fail",
      detail: "expected 200, got 400 VALIDATION_FAILED: streaming is not supported",
    });
  });
});
