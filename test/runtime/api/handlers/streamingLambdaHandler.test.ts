import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantHandler } from "../../../../runtime/api/handlers/createTenantHandler.ts";
import {
  lambdaTimeoutMarginMs,
  streamingLambdaHandler,
} from "../../../../runtime/api/handlers/streamingLambdaHandler.ts";
import { loadTenant } from "../../../../runtime/core/tenants/loadTenants.ts";
import {
  apiGatewayBufferedView,
  apiGatewayStreamView,
  httpIntegrationResponseContentType,
  invokeStreamingHandler,
  localLambdaStreamingRuntime,
} from "../../../support/lambdaStreaming/index.ts";
import { type OpenAiUpstream, startOpenAiUpstream } from "../../../support/openAiUpstream/index.ts";
import { createLedgerTestDatabase } from "../../core/ledger/support/ledgerTestDatabase.ts";
import { apiEvent } from "../support/apiEvent.ts";
import { restApiEvent } from "../support/restApiEvent.ts";
import { tenantHandlerEnv } from "../support/tenantHandlerEnv.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const upstreamApiKey = "sk-upstream-streaming";
let tenantDb: TenantTestDatabase;
let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
let upstream: OpenAiUpstream;
let chat: Awaited<ReturnType<typeof createTenantHandler>>;
let handler: ReturnType<typeof streamingLambdaHandler>;

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("streaming_lambda");
  ledgerDb = await createLedgerTestDatabase("streaming_lambda_ledger");
  upstream = await startOpenAiUpstream({ apiKey: upstreamApiKey });
  const base = await loadTenant("acme-health");
  const tenant = {
    ...base,
    models: {
      allowlist: [
        {
          key: "gpt-up",
          provider: "openai-compatible" as const,
          modelId: "gpt-4o-mini",
          type: "chat" as const,
          baseUrl: upstream.url,
        },
      ],
      defaultModel: "gpt-up",
      imageUrlHosts: [],
    },
  };
  const ledgerRole = await ledgerDb.connectTenant(tenant.id, 5);
  const env = tenantHandlerEnv({
    tenant,
    tenantDatabase: tenantDb.database,
    ledgerDatabase: ledgerDb.database,
    ledgerRole,
    secrets: { [`/silo/${tenant.id}/providers/gpt-up`]: upstreamApiKey },
  });
  chat = await createTenantHandler("chat", env, { log: () => {} });
  handler = streamingLambdaHandler(chat, localLambdaStreamingRuntime);
});

afterAll(async () => {
  await chat?.close();
  await upstream?.close();
  await tenantDb?.close();
  await ledgerDb?.close();
});

function completionRequest(content: string, extra: Record<string, unknown> = {}) {
  return { model: "gpt-up", stream: true, messages: [{ role: "user", content }], ...extra };
}

const NUL8 = Buffer.alloc(8);

describe("the chat Lambda under Lambda's response streaming contract", () => {
  it("writes the prelude, 8 NUL bytes, then each SSE chunk as the model produces it", async () => {
    // Prepare: an upstream that pauses before each chunk, so the model is still producing
    upstream.chunkDelayMs = 80;
    const event = restApiEvent("POST /v1/chat/completions", {
      body: completionRequest("one two three four five six"),
      requestId: "req-stream-1",
    });

    // Act: watch the bytes arrive, noting how far the model was when the first event reached the gateway
    const invocation = invokeStreamingHandler(handler, event);
    await invocation.until((chunks) =>
      Buffer.concat(chunks.map((chunk) => chunk.bytes)).includes('"content":"'),
    );
    const request = upstream.requests.at(-1);
    let upstreamFinished = false;
    void request?.outcome.then(() => {
      upstreamFinished = true;
    });
    await Promise.resolve();
    const finishedAtFirstChunk = upstreamFinished;
    const writtenAtFirstChunk = request?.chunksWritten ?? 0;
    await invocation.done;
    upstream.chunkDelayMs = 0;

    // Assess: the exact bytes, as the runtime sends them
    const bytes = invocation.bytes();
    const delimiterAt = bytes.indexOf(NUL8);
    const preludeText = bytes.subarray(0, delimiterAt).toString("utf8");
    const prelude = JSON.parse(preludeText);
    expect(invocation.contentType()).toBe(httpIntegrationResponseContentType);
    expect(preludeText).toBe(JSON.stringify(prelude));
    expect(prelude).toEqual({
      statusCode: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        "x-silo-ledger-entry-id": expect.any(String),
        // The tenant allows browser origins: every answer varies on Origin (this request sent none).
        vary: "Origin",
        "x-request-id": "req-stream-1",
      },
    });
    expect(bytes.subarray(delimiterAt + 8).includes(0)).toBe(false);
    expect(bytes.subarray(delimiterAt + 8).toString("utf8")).toMatch(/^data: /);
    // ...then what API Gateway forwards: status, headers and the chunks in order, one event per write
    const forwarded = apiGatewayStreamView(invocation);
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    const events = forwarded.chunks.map((chunk) => chunk.text);
    expect(events.length).toBeGreaterThan(3);
    for (const text of events) expect(text).toMatch(/^(data: .+\n\n)+$/);
    expect(events.at(-1)).toBe("data: [DONE]\n\n");
    const content = events
      .flatMap((text) => text.split("\n\n"))
      .filter((line) => line.startsWith("data: {"))
      .map((line) => JSON.parse(line.slice(6)).choices?.[0]?.delta?.content ?? "")
      .join("");
    expect(content).toBe("You said: one two three four five six");
    // The first token reached the gateway while the model was still producing the rest
    expect(finishedAtFirstChunk).toBe(false);
    expect(writtenAtFirstChunk).toBeLessThan(request?.chunksWritten ?? 0);
    const times = forwarded.chunks.map((chunk) => chunk.atMs);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThan(200);
  });

  it("answers a buffered route of the chat group with exactly a payload 1.0 proxy result, no prelude", async () => {
    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("GET /v1/models", { requestId: "req-models" }),
    );
    await invocation.done;

    const bytes = invocation.bytes();
    expect(invocation.contentType()).toBe("application/octet-stream");
    expect(bytes.includes(0)).toBe(false);
    const result = apiGatewayBufferedView(bytes);
    expect(Object.keys(result).sort()).toEqual(["body", "headers", "isBase64Encoded", "statusCode"]);
    expect(result).toMatchObject({
      statusCode: 200,
      headers: { "content-type": "application/json", "x-request-id": "req-models" },
      isBase64Encoded: false,
    });
    expect(JSON.parse(result.body).data.map((model: { id: string }) => model.id)).toEqual(["gpt-up"]);
  });

  it("answers an error before the first byte through the prelude with its own status", async () => {
    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("POST /v1/chat/completions", { body: completionRequest("hi", { model: "not-allowed" }) }),
    );
    await invocation.done;

    const forwarded = apiGatewayStreamView(invocation);
    expect(forwarded.statusCode).toBeGreaterThanOrEqual(400);
    expect(forwarded.statusCode).toBeLessThan(500);
    expect(forwarded.headers["content-type"]).toMatch(/^application\/(problem\+)?json/);
    expect(JSON.parse(forwarded.body).error.message).toContain("not-allowed");
  });

  it("answers a token of another tenant 403 through the prelude, before any model call", async () => {
    const calls = upstream.requests.length;

    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("POST /v1/chat/completions", {
        body: completionRequest("hi"),
        authorizedTenantId: "globex",
      }),
    );
    await invocation.done;

    const forwarded = apiGatewayStreamView(invocation);
    expect(forwarded.statusCode).toBe(403);
    expect(upstream.requests.length).toBe(calls);
  });

  it("sends a non-streamed answer of a STREAM route (stream: false) whole, after the prelude", async () => {
    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("POST /v1/chat/completions", {
        body: completionRequest("whole please", { stream: false }),
      }),
    );
    await invocation.done;

    const forwarded = apiGatewayStreamView(invocation);
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(forwarded.body).choices[0].message.content).toBe("You said: whole please");
  });

  it("sends the cookies of a STREAM route's whole answer in the prelude's multiValueHeaders", async () => {
    // Prepare: a tenant handler whose non-streamed answer sets two cookies (payload 2.0 `cookies`)
    const withCookies = streamingLambdaHandler(
      async () => ({
        statusCode: 200,
        headers: { "content-type": "application/json" },
        cookies: ["a=1; Secure", "b=2; Secure"],
        body: "{}",
      }),
      localLambdaStreamingRuntime,
    );

    // Act
    const invocation = invokeStreamingHandler(
      withCookies,
      restApiEvent("POST /v1/chat/completions", { body: completionRequest("hi", { stream: false }) }),
    );
    await invocation.done;

    // Assess: both reach API Gateway, which has no other place for repeated headers than multiValueHeaders
    const forwarded = apiGatewayStreamView(invocation);
    expect(forwarded.multiValueHeaders).toEqual({ "set-cookie": ["a=1; Secure", "b=2; Secure"] });
    expect(forwarded.body).toBe("{}");
  });

  it("keeps the status sent and ends the body with the error event when the model fails mid-stream", async () => {
    upstream.failNext({ type: "stream-error", afterChunks: 2 });

    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("POST /v1/chat/completions", { body: completionRequest("one two three four") }),
    );
    await invocation.done;

    const forwarded = apiGatewayStreamView(invocation);
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.chunks.at(-1)?.text).toMatch(/^data: \{"error":/);
    expect(forwarded.body).not.toContain("[DONE]");
  });

  it("stops the model and settles one ledger row when the stream closes mid-answer", async () => {
    // Prepare
    upstream.chunkDelayMs = 100;
    const requestId = "req-abort-1";
    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("POST /v1/chat/completions", {
        body: completionRequest("a b c d e f g h i j k l m n o p q r s t"),
        requestId,
      }),
    );
    await invocation.until((chunks) =>
      Buffer.concat(chunks.map((chunk) => chunk.bytes)).includes('"content":"'),
    );

    // Act: the connection goes away
    invocation.abort();
    await invocation.done;
    upstream.chunkDelayMs = 0;

    // Assess
    expect(await upstream.requests.at(-1)?.outcome).toBe("closed-early");
    const { rows } = await ledgerDb.admin.query(
      "SELECT status, output_tokens FROM usage_events WHERE request_id = $1",
      [requestId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe("settled");
  });

  it("stops the model and settles one ledger row when the stream closes before the first token", async () => {
    // Prepare: an upstream slow to produce its first chunk
    upstream.chunkDelayMs = 300;
    const requestId = "req-abort-early";
    const calls = upstream.requests.length;
    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("POST /v1/chat/completions", { body: completionRequest("a b c d e f"), requestId }),
    );
    while (upstream.requests.length === calls) await new Promise((resolve) => setTimeout(resolve, 5));

    // Act: the connection goes away while the model is still silent
    invocation.abort();
    await invocation.done;
    upstream.chunkDelayMs = 0;

    // Assess: the model call stopped and left one ledger row, closed (meteredStream decides which way)
    expect(invocation.bytes().toString("utf8")).not.toContain('"content":"');
    expect(await upstream.requests.at(-1)?.outcome).toBe("closed-early");
    const { rows } = await ledgerDb.admin.query("SELECT status FROM usage_events WHERE request_id = $1", [
      requestId,
    ]);
    expect(rows).toHaveLength(1);
    expect(["settled", "released"]).toContain(rows[0]?.status);
  });

  it("stops the model and settles before the Lambda invocation times out, mid-answer", async () => {
    // Prepare: a function with little time left, and a model slower than that
    upstream.chunkDelayMs = 100;
    const requestId = "req-deadline";
    const timeoutMs = lambdaTimeoutMarginMs + 500;
    const started = Date.now();

    // Act
    const invocation = invokeStreamingHandler(
      handler,
      restApiEvent("POST /v1/chat/completions", {
        body: completionRequest("a b c d e f g h i j k l m n o p q r s t u v w x y z"),
        requestId,
      }),
      { timeoutMs },
    );
    await invocation.done;
    const endedAfterMs = Date.now() - started;
    upstream.chunkDelayMs = 0;

    // Assess: the answer ended before Lambda would have stopped the function, the call settled once
    expect(endedAfterMs).toBeLessThan(timeoutMs);
    expect(await upstream.requests.at(-1)?.outcome).toBe("closed-early");
    expect(apiGatewayStreamView(invocation).body).toContain('"content":"');
    const { rows } = await ledgerDb.admin.query("SELECT status FROM usage_events WHERE request_id = $1", [
      requestId,
    ]);
    expect(rows).toEqual([{ status: "settled" }]);
  });

  it("answers an HTTP API event (payload 2.0, plain Invoke) with the whole 2.0 result", async () => {
    const invocation = invokeStreamingHandler(
      handler,
      apiEvent("POST /v1/chat/completions", { body: completionRequest("over http api") }),
    );
    await invocation.done;

    const result = apiGatewayBufferedView(invocation.bytes());
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain("data: [DONE]");
    expect(invocation.contentType()).toBe("application/octet-stream");
  });
});
