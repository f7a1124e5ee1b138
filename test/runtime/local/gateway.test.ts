import { request as httpRequest } from "node:http";
import type { APIGatewayRequestAuthorizerEvent } from "aws-lambda";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { TenantApiEvent } from "../../../runtime/api/createGroupHandler.ts";
import { gatewayResponseBody } from "../../../runtime/api/gatewayResponses.ts";
import type { RestAuthorizerResult } from "../../../runtime/authorizer/createAuthorizer.ts";
import {
  type TenantInvokeOptions,
  type TenantProcess,
  type TenantProcessAnswer,
  TenantProcessFailedError,
} from "../../../runtime/local/tenantProcess.ts";
import { authorizerFor } from "../authorizer/support/authorizerHarness.ts";
import { rsaKey, TestIdentityProvider, validClaims } from "../authorizer/support/testIdentityProvider.ts";
import { allowGlobex, denyGlobex, eventually, gatewayFor } from "./support/gatewayHarness.ts";

let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

/**
 * A gateway on 127.0.0.1 in front of tenant globex, whose "process" answers 200 to everything, with an
 * authorizer that allows every request (or `authorize`) and records the identity sources of each call.
 */
async function gatewayWith(
  authorizerCacheTtlSeconds: number,
  authorize?: (event: APIGatewayRequestAuthorizerEvent) => Promise<RestAuthorizerResult>,
) {
  const gateway = await gatewayFor({
    process: fakeProcess(),
    authorizerCacheTtlSeconds,
    ...(authorize ? { authorize } : {}),
  });
  close = gateway.close;
  const get = async (path: string, token: string) =>
    (await fetch(`${gateway.url}/globex${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
  return { calls: gateway.authorizerCalls, get };
}

describe("the local gateway's authorizer cache", () => {
  it("calls the authorizer once per token, method and resource path within the TTL", async () => {
    const { calls, get } = await gatewayWith(60);

    const statuses = [
      await get("/v1/models", "a"),
      await get("/v1/models", "a"),
      await get("/v1/health", "a"),
      await get("/v1/models", "b"),
      await get("/v1/health", "a"),
    ];

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(calls).toEqual([
      "globex GET /v1/models Bearer a",
      "globex GET /v1/health Bearer a",
      "globex GET /v1/models Bearer b",
    ]);
  });

  it("asks the authorizer again once the TTL has passed", async () => {
    const { calls, get } = await gatewayWith(1);

    await get("/v1/models", "a");
    await get("/v1/models", "a");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await get("/v1/models", "a");

    expect(calls).toHaveLength(2);
  });

  it("asks the authorizer on every request with a TTL of 0", async () => {
    const { calls, get } = await gatewayWith(0);

    for (let request = 0; request < 3; request++) await get("/v1/models", "a");

    expect(calls).toHaveLength(3);
  });

  it("never serves a cached allow past the token's exp (issue #17: a 2-second token kept working)", async () => {
    // Prepare: the real authorizer on the real clock, no clock tolerance, a signed token with about a second left
    const idp = await TestIdentityProvider.start(rsaKey("k1"));
    const authorizer = authorizerFor(idp, { SILO_CLOCK_TOLERANCE_SECONDS: "0" });
    Object.defineProperty(authorizer.clock, "nowMs", { get: () => Date.now() });
    // Just past a whole second, so the token has nearly a second left (minted at x.999 it had 1 ms).
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const nowSeconds = Math.floor(Date.now() / 1000);
    const token = idp.sign({ ...validClaims("globex"), iat: nowSeconds - 1, exp: nowSeconds + 1 });
    const { calls, get } = await gatewayWith(300, authorizer.handler);

    try {
      // Act
      const before = await get("/v1/models", token);
      await new Promise((resolve) => setTimeout(resolve, (nowSeconds + 1) * 1000 - Date.now() + 50));
      const after = await get("/v1/models", token);

      // Assess
      expect(before).toBe(200);
      expect(after).toBe(401);
      expect(calls).toHaveLength(2);
    } finally {
      await idp.close();
    }
  });

  it("caches an unexpired token's allow for no longer than the TTL", async () => {
    const { calls, get } = await gatewayWith(1);
    const token = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from(
      JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }),
    ).toString("base64url")}.sig`;

    await get("/v1/models", token);
    await get("/v1/models", token);

    expect(calls).toHaveLength(1);
  });
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const appOrigin = "https://app.example.com";

/** A fake tenant process that records each invocation and answers with `answer`. */
function fakeProcess(
  answer: (event: TenantApiEvent, options: TenantInvokeOptions) => Promise<TenantProcessAnswer> = async (
    event,
  ) => ({ statusCode: 200, body: JSON.stringify({ requestId: event.requestContext.requestId }) }),
) {
  const invocations: Array<{ event: TenantApiEvent; options: TenantInvokeOptions }> = [];
  return {
    invocations,
    invoke: async (_group: string, event: TenantApiEvent, options: TenantInvokeOptions = {}) => {
      invocations.push({ event, options });
      return answer(event, options);
    },
  } as unknown as Pick<TenantProcess, "invoke"> & { invocations: typeof invocations };
}

/** POSTs a declared 11 MiB body without sending it: the gateway refuses it (413) before reading. */
function declaredTooLarge(url: string): Promise<{ status: number; requestId: string | null }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: "POST",
      headers: { authorization: "Bearer ok", "content-length": String(11 * 1024 * 1024) },
    });
    request.on("response", (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, requestId: String(response.headers["x-request-id"]) });
      request.destroy();
    });
    request.on("error", reject);
    request.flushHeaders();
  });
}

/** A promise and the function that resolves it, for a test to let a fake go on. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const sse = { "content-type": "text/event-stream", "cache-control": "no-cache" };

describe("the local gateway's streams", () => {
  it("writes each chunk as it arrives: the client reads the first before the second exists", async () => {
    // Prepare
    const second = gate();
    let producedSecond = false;
    const tenant = fakeProcess(async () => ({
      head: { statusCode: 200, headers: sse },
      chunks: (async function* () {
        yield "data: 1\n\n";
        await second.opened;
        producedSecond = true;
        yield "data: 2\n\n";
      })(),
    }));
    const gateway = await gatewayFor({ process: tenant });
    close = gateway.close;

    // Act
    const response = await fetch(`${gateway.url}/globex/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: "{}",
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const secondExistedWhenFirstWasRead = producedSecond;
    second.open();
    const rest = new TextDecoder().decode((await reader.read()).value);
    const end = await reader.read();

    // Assess
    expect(first).toBe("data: 1\n\n");
    expect(secondExistedWhenFirstWasRead).toBe(false);
    expect(rest).toBe("data: 2\n\n");
    expect(end.done).toBe(true);
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(response.headers.get("x-request-id")).toBe(tenant.invocations[0]?.event.requestContext.requestId);
  });

  it("logs a stream's access line when it ends, with its status, latency and time to first byte", async () => {
    const second = gate();
    const tenant = fakeProcess(async () => ({
      head: { statusCode: 200, headers: sse },
      chunks: (async function* () {
        yield "data: 1\n\n";
        await second.opened;
        yield "data: [DONE]\n\n";
      })(),
    }));
    const gateway = await gatewayFor({ process: tenant });
    close = gateway.close;

    const response = await fetch(`${gateway.url}/globex/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: "{}",
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const linesMidStream = gateway.accessLines().length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    second.open();
    while (!(await reader.read()).done);
    await eventually(() => gateway.accessLines().length === 1, "the stream's access line");

    const line = gateway.accessLines()[0] as Record<string, number | string>;
    expect(linesMidStream).toBe(0);
    expect(line).toMatchObject({
      method: "POST",
      path: "/globex/v1/chat/completions",
      status: 200,
      tenantId: "globex",
      routeKey: "POST /v1/chat/completions",
      requestId: response.headers.get("x-request-id"),
      stream: "complete",
    });
    expect(line.ttfbMs).toBeTypeOf("number");
    expect(Number(line.latencyMs) - Number(line.ttfbMs)).toBeGreaterThanOrEqual(40);
  });

  it("aborts the invocation's signal when the client goes away mid-stream", async () => {
    const tenant = fakeProcess(async (_event, options) => ({
      head: { statusCode: 200, headers: sse },
      chunks: (async function* () {
        yield "data: 1\n\n";
        await new Promise<void>((resolve) => options.signal?.addEventListener("abort", () => resolve()));
      })(),
    }));
    const gateway = await gatewayFor({ process: tenant });
    close = gateway.close;
    const client = new AbortController();
    const response = await fetch(`${gateway.url}/globex/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: "{}",
      signal: client.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();

    client.abort();

    const signal = tenant.invocations[0]?.options.signal;
    await eventually(() => signal?.aborted === true, "the invocation's signal to abort");
    await eventually(() => gateway.accessLines().length === 1, "the stream's access line");
    expect(gateway.accessLines()[0]).toMatchObject({ status: 200, stream: "client closed" });
  });

  it("does not abort the invocation of a response that completed", async () => {
    const tenant = fakeProcess();
    const gateway = await gatewayFor({ process: tenant });
    close = gateway.close;

    await (await fetch(`${gateway.url}/globex/v1/models`, { headers: { authorization: "Bearer t" } })).text();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(tenant.invocations[0]?.options.signal?.aborted).toBe(false);
  });

  it("cuts the connection, never a hang, when the stream fails after its head", async () => {
    const tenant = fakeProcess(async () => ({
      head: { statusCode: 200, headers: sse },
      chunks: (async function* () {
        yield "data: 1\n\n";
        throw new TenantProcessFailedError("globex", "exited (SIGKILL) during the request");
      })(),
    }));
    const gateway = await gatewayFor({ process: tenant });
    close = gateway.close;

    const response = await fetch(`${gateway.url}/globex/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: "{}",
    });

    await expect(response.text()).rejects.toThrow();
    await eventually(() => gateway.accessLines().length === 1, "the stream's access line");
    expect(gateway.accessLines()[0]).toMatchObject({ status: 200, stream: "failed" });
    expect(gateway.logs).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: "tenant stream failed",
        error: "the process of tenant globex failed: exited (SIGKILL) during the request",
      }),
    );
  });
});

describe("the local gateway's x-request-id", () => {
  it("is on every response of a tenant's API, the gateway's own errors included", async () => {
    // Prepare: the authorizer denies token "deny" and fails on "broken"; the process fails on x-fail;
    // a burst of 3 lets the 413, the 502 and one 200 through, then refuses
    const tenant = fakeProcess(async (event) => {
      if (event.headers["x-fail"]) throw new TenantProcessFailedError("globex", "exited (1)");
      return { statusCode: 200, body: "{}" };
    });
    const gateway = await gatewayFor({
      process: tenant,
      config: (config) => ({ ...config, limits: { ...config.limits, requestsPerSecond: 1, burst: 3 } }),
      authorize: async (event) => {
        if (event.headers?.authorization === "Bearer broken") throw new Error("JWKS unreachable");
        return event.headers?.authorization === "Bearer deny" ? denyGlobex(event) : allowGlobex(event);
      },
    });
    close = gateway.close;
    const call = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${gateway.url}${path}`, { headers });
      await response.text();
      return { status: response.status, requestId: response.headers.get("x-request-id") };
    };
    const ok = { authorization: "Bearer ok" };

    // Act
    const answers = [
      await call("/globex/v1/nowhere"),
      await call("/nobody/v1/models"),
      await call("/globex/v1/models"),
      await call("/globex/v1/models", { authorization: "Bearer deny" }),
      await call("/globex/v1/models", { authorization: "Bearer broken" }),
      await declaredTooLarge(`${gateway.url}/globex/v1/chat/completions`),
      await call("/globex/v1/models", { ...ok, "x-fail": "1" }),
      await call("/globex/v1/models", ok),
      await call("/globex/v1/models", ok),
    ];

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 401, 403, 500, 413, 502, 200, 429]);
    for (const answer of answers) expect(answer.requestId).toMatch(uuid);
    expect(new Set(answers.map((answer) => answer.requestId)).size).toBe(answers.length);
  });

  it("is the event's requestContext.requestId, and the tenant's own when its result carries one", async () => {
    const tenant = fakeProcess(async (event) => ({
      statusCode: 200,
      headers: { "X-Request-Id": event.requestContext.requestId },
      body: "{}",
    }));
    const gateway = await gatewayFor({ process: tenant });
    close = gateway.close;

    const response = await fetch(`${gateway.url}/globex/v1/models`, {
      headers: { authorization: "Bearer t" },
    });

    expect(response.headers.get("x-request-id")).toBe(tenant.invocations[0]?.event.requestContext.requestId);
    expect(gateway.accessLines()[0]?.requestId).toBe(response.headers.get("x-request-id"));
  });
});

describe("the local gateway's throttling headers", () => {
  it("answers 429 with retry-after and OpenAI's x-ratelimit headers, and the limit and remaining on success", async () => {
    // Prepare: 1 request per second, a burst of 2
    const gateway = await gatewayFor({
      process: fakeProcess(),
      config: (config) => ({ ...config, limits: { ...config.limits, requestsPerSecond: 1, burst: 2 } }),
    });
    close = gateway.close;
    const get = () => fetch(`${gateway.url}/globex/v1/models`, { headers: { authorization: "Bearer t" } });

    // Act
    const first = await get();
    const second = await get();
    const refused = await get();

    // Assess
    expect([first.status, second.status, refused.status]).toEqual([200, 200, 429]);
    expect(first.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(first.headers.get("retry-after")).toBeNull();
    expect(second.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(await refused.json()).toEqual(
      gatewayResponseBody("THROTTLED", refused.headers.get("x-request-id") ?? ""),
    );
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(Number(refused.headers.get("retry-after-ms"))).toBeGreaterThan(900);
    expect(Number(refused.headers.get("retry-after-ms"))).toBeLessThanOrEqual(1000);
    expect(refused.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(refused.headers.get("x-ratelimit-reset-requests")).toMatch(/^(1\.\d+s|2s|1s)$/);
  });
});

describe("the local gateway's CORS", () => {
  async function corsGateway() {
    const tenant = fakeProcess();
    const gateway = await gatewayFor({
      process: tenant,
      config: (config) => ({ ...config, cors: { allowedOrigins: [appOrigin] } }),
    });
    close = gateway.close;
    return { tenant, gateway };
  }

  const preflight = (url: string, origin: string, requestHeaders = "authorization, content-type") =>
    fetch(`${url}/globex/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": requestHeaders,
      },
    });

  it("answers an allowed origin's preflight at the edge, without the authorizer or the tenant", async () => {
    const { tenant, gateway } = await corsGateway();

    const response = await preflight(
      gateway.url,
      appOrigin,
      "authorization, content-type, x-stainless-os, x-stainless-retry-count, openai-project, x-evil",
    );

    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(appOrigin);
    expect(response.headers.get("access-control-allow-methods")).toBe("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "authorization, content-type, idempotency-key, x-stainless-os, x-stainless-retry-count, openai-project",
    );
    expect(response.headers.get("access-control-max-age")).toBe("7200");
    expect(response.headers.get("vary")).toContain("Origin");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("x-request-id")).toMatch(uuid);
    expect(gateway.authorizerCalls).toEqual([]);
    expect(tenant.invocations).toEqual([]);
  });

  it("refuses the preflight of an origin the tenant file does not list, with no CORS header", async () => {
    const { gateway } = await corsGateway();

    const response = await preflight(gateway.url, "https://evil.example.com");

    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(gateway.accessLines()[0]).toMatchObject({ status: 403, preflight: true });
  });

  it("answers 404 to a preflight for a path that is no route", async () => {
    const { gateway } = await corsGateway();

    const response = await fetch(`${gateway.url}/globex/v1/nowhere`, {
      method: "OPTIONS",
      headers: { origin: appOrigin, "access-control-request-method": "GET" },
    });

    expect(response.status).toBe(404);
  });

  it("lists every method of a path with several routes", async () => {
    const { gateway } = await corsGateway();

    const response = await fetch(`${gateway.url}/globex/v1/conversations`, {
      method: "OPTIONS",
      headers: { origin: appOrigin, "access-control-request-method": "POST" },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST");
  });

  it("puts the origin, vary and the exposed headers on actual answers, errors and streams included", async () => {
    const tenant = fakeProcess(async (event) =>
      event.rawPath === "/v1/chat/completions"
        ? {
            head: { statusCode: 200, headers: sse },
            chunks: (async function* () {
              yield "data: 1\n\n";
            })(),
          }
        : { statusCode: 200, body: "{}" },
    );
    const gateway = await gatewayFor({
      process: tenant,
      config: (config) => ({ ...config, cors: { allowedOrigins: [appOrigin] } }),
    });
    close = gateway.close;
    const from = (origin: string, init: RequestInit & { path?: string } = {}) =>
      fetch(`${gateway.url}/globex${init.path ?? "/v1/models"}`, {
        ...init,
        headers: { origin, ...(init.headers as Record<string, string>) },
      });

    const answers = {
      ok: await from(appOrigin, { headers: { authorization: "Bearer t" } }),
      unauthorized: await from(appOrigin),
      stream: await from(appOrigin, {
        path: "/v1/chat/completions",
        method: "POST",
        headers: { authorization: "Bearer t" },
        body: "{}",
      }),
      otherOrigin: await from("https://evil.example.com", { headers: { authorization: "Bearer t" } }),
    };

    for (const name of ["ok", "unauthorized", "stream"] as const) {
      const headers = answers[name].headers;
      expect({ name, origin: headers.get("access-control-allow-origin") }).toEqual({
        name,
        origin: appOrigin,
      });
      expect(headers.get("vary")).toBe("Origin");
      expect(headers.get("access-control-expose-headers")).toContain("x-request-id");
      expect(headers.get("access-control-expose-headers")).toContain("x-ratelimit-remaining-requests");
      expect(headers.get("access-control-allow-credentials")).toBeNull();
    }
    expect(answers.unauthorized.status).toBe(401);
    expect(await answers.stream.text()).toBe("data: 1\n\n");
    expect(answers.otherOrigin.status).toBe(200);
    expect(answers.otherOrigin.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the local gateway with the official openai client", () => {
  const chunk = (content: string | null, finishReason: string | null = null) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-1",
      object: "chat.completion.chunk",
      created: 1,
      model: "echo",
      choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finishReason }],
    })}\n\n`;

  it("reads a stream delta by delta, with the request id", async () => {
    const tenant = fakeProcess(async () => ({
      head: { statusCode: 200, headers: sse },
      chunks: (async function* () {
        yield chunk("Hel");
        yield chunk("lo");
        yield chunk(null, "stop");
        yield "data: [DONE]\n\n";
      })(),
    }));
    const gateway = await gatewayFor({ process: tenant });
    close = gateway.close;
    const client = new OpenAI({ baseURL: `${gateway.url}/globex/v1`, apiKey: "token", maxRetries: 0 });

    const { data: stream, request_id } = await client.chat.completions
      .create({ model: "echo", messages: [{ role: "user", content: "hi" }], stream: true })
      .withResponse();
    const deltas: string[] = [];
    for await (const event of stream) deltas.push(event.choices[0]?.delta.content ?? "");

    expect(deltas).toEqual(["Hel", "lo", ""]);
    expect(request_id).toBe(tenant.invocations[0]?.event.requestContext.requestId);
  });

  it("retries a throttled request after retry-after-ms, not a whole second", async () => {
    // Prepare: 10 requests per second, a burst of 1
    const gateway = await gatewayFor({
      process: fakeProcess(async () => ({
        statusCode: 200,
        body: JSON.stringify({ object: "list", data: [] }),
      })),
      config: (config) => ({ ...config, limits: { ...config.limits, requestsPerSecond: 10, burst: 1 } }),
    });
    close = gateway.close;
    const client = new OpenAI({ baseURL: `${gateway.url}/globex/v1`, apiKey: "token", maxRetries: 2 });

    // Act
    await client.models.list();
    const started = performance.now();
    await client.models.list();
    const elapsedMs = performance.now() - started;

    // Assess
    const statuses = gateway.accessLines().map((line) => line.status);
    expect(statuses).toEqual([200, 429, 200]);
    expect(elapsedMs).toBeLessThan(900);
  });
});
