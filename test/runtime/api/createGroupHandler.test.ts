import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../runtime/api/apiRoutes.ts";
import { createGroupHandler, type TenantApiEvent } from "../../../runtime/api/createGroupHandler.ts";
import type { OperationResult } from "../../../runtime/api/operation.ts";
import { isStreamResult } from "../../../runtime/api/tenantApiResult.ts";
import type { SqlDatabase } from "../../../runtime/core/db/sqlDatabase.ts";

const chunk = (delta: Record<string, unknown>) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1,
    model: "echo",
    choices: [{ index: 0, delta, finish_reason: null, logprobs: null }],
  })}\n\n`;

/** The chat group's handler, every operation answering with `stream`, responses validated as locally. */
function chatHandlerStreaming(stream: () => AsyncGenerator<string, void, undefined>) {
  const answer = async (): Promise<OperationResult> => ({ stream: stream() });
  const operations = Object.fromEntries(
    apiRoutes.filter((route) => route.group === "chat").map((route) => [route.operationId, answer]),
  );
  return createGroupHandler({
    group: "chat",
    tenantId: "acme",
    operations,
    deps: {},
    db: {} as SqlDatabase,
    validateResponses: true,
    log: () => undefined,
  });
}

const event = {
  routeKey: "POST /v1/chat/completions",
  rawPath: "/v1/chat/completions",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "hi" }], stream: true }),
  isBase64Encoded: false,
  requestContext: {
    requestId: "req-1",
    authorizer: { lambda: { tenantId: "acme", sub: "user-1", scopes: "chat:write", tokenId: "t" } },
  },
} as unknown as TenantApiEvent;

describe("createGroupHandler, streamed answers validated (local platform and tests)", () => {
  it("hands each chunk on before checking it, and fails the stream at a chunk the schema refuses", async () => {
    const handler = chatHandlerStreaming(async function* () {
      yield chunk({ role: "assistant", content: "" });
      yield chunk({ content: 42 });
      yield chunk({ content: "never sent" });
    });

    const result = await handler(event);
    if (!isStreamResult(result)) throw new Error(`expected a stream, got ${JSON.stringify(result)}`);
    const received: string[] = [];
    const reading = (async () => {
      for await (const text of result.body) received.push(text);
    })();

    await expect(reading).rejects.toThrow();
    expect(received).toHaveLength(2);
    expect(received[1]).toContain('"content":42');
  });

  it("passes a stream whose chunks all match", async () => {
    const handler = chatHandlerStreaming(async function* () {
      yield chunk({ role: "assistant", content: "" }) + chunk({ content: "Hello" });
      yield "data: [DONE]\n\n";
    });

    const result = await handler(event);
    if (!isStreamResult(result)) throw new Error("expected a stream");
    const received: string[] = [];
    for await (const text of result.body) received.push(text);

    expect(received.join("")).toContain('"content":"Hello"');
  });
});

describe("createGroupHandler, CORS on every answer (in AWS, API Gateway adds none to a proxy answer)", () => {
  const origin = "https://app.example.com";
  const handlerAnswering = (answer: () => Promise<OperationResult>) =>
    createGroupHandler({
      group: "chat",
      tenantId: "acme",
      operations: Object.fromEntries(
        apiRoutes.filter((route) => route.group === "chat").map((route) => [route.operationId, answer]),
      ),
      deps: {},
      db: {} as SqlDatabase,
      log: () => undefined,
      allowedOrigins: [origin],
    });
  const from = (requestOrigin: string | undefined) =>
    ({
      ...event,
      headers: { ...event.headers, ...(requestOrigin === undefined ? {} : { origin: requestOrigin }) },
    }) as TenantApiEvent;

  it.each([
    ["a JSON answer", async (): Promise<OperationResult> => ({ body: { ok: true } })],
    [
      "a stream",
      async (): Promise<OperationResult> => ({
        stream: (async function* () {
          yield "data: [DONE]\n\n";
        })(),
      }),
    ],
    [
      "an error",
      async (): Promise<OperationResult> => {
        throw new Error("boom");
      },
    ],
  ])("allows the listed origin to read %s", async (_case, answer) => {
    const result = await handlerAnswering(answer)(from(origin));

    expect(result.headers).toMatchObject({
      "access-control-allow-origin": origin,
      vary: "Origin",
      "access-control-expose-headers": expect.stringContaining("x-request-id"),
    });
  });

  it.each([
    ["another origin", "https://evil.example.com"],
    ["no origin", undefined],
  ])("gives %s no allow header, and varies on Origin", async (_case, requestOrigin) => {
    const result = await handlerAnswering(async () => ({ body: { ok: true } }))(from(requestOrigin));

    expect(result.headers).not.toHaveProperty("access-control-allow-origin");
    expect(result.headers).toMatchObject({ vary: "Origin" });
  });
});
