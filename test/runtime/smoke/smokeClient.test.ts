import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmokeClient } from "../../../runtime/smoke/smokeClient.ts";

let server: Server;
let url: string;
let answers: Array<{ status: number; contentType: string; body: string }>;
const seen: Array<{ method: string; url: string; authorization?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push({
        method: request.method ?? "",
        url: request.url ?? "",
        ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
        body,
      });
      const answer = answers.shift() ?? { status: 200, contentType: "application/json", body: "{}" };
      response.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  answers = [];
  seen.length = 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("createSmokeClient", () => {
  it("calls <url>/<tenant><path> with the bearer token and a JSON body, and parses the answer", async () => {
    answers.push({
      status: 404,
      contentType: "application/problem+json; charset=utf-8",
      body: '{"code":"NOT_FOUND"}',
    });
    const client = createSmokeClient({ baseUrl: `${url}/`, timeoutMs: 5000 });

    const response = await client.send({
      tenantId: "globex",
      method: "POST",
      path: "/v1/x?limit=5",
      token: "t.o.k",
      body: { a: 1 },
    });

    expect(response).toMatchObject({
      status: 404,
      contentType: "application/problem+json",
      body: { code: "NOT_FOUND" },
    });
    expect(seen).toEqual([
      { method: "POST", url: "/globex/v1/x?limit=5", authorization: "Bearer t.o.k", body: '{"a":1}' },
    ]);
  });

  it("sends a request the gateway throttled again, but not a tenant's own 429", async () => {
    answers.push(
      { status: 429, contentType: "application/json", body: '{"message":"Too Many Requests"}' },
      { status: 200, contentType: "application/json", body: "{}" },
      { status: 429, contentType: "application/problem+json", body: '{"code":"BUDGET_EXCEEDED"}' },
    );
    const client = createSmokeClient({ baseUrl: url, timeoutMs: 5000, throttleBackoffMs: [1, 1] });

    const retried = await client.send({ tenantId: "globex", method: "GET", path: "/v1/models" });
    const budget = await client.send({ tenantId: "globex", method: "GET", path: "/v1/models" });

    expect([retried.status, budget.status]).toEqual([200, 429]);
    expect(seen).toHaveLength(3);
  });

  it("gives up on throttling after its retries and returns the 429", async () => {
    for (let index = 0; index < 3; index++) {
      answers.push({ status: 429, contentType: "application/json", body: '{"message":"Too Many Requests"}' });
    }
    const client = createSmokeClient({ baseUrl: url, timeoutMs: 5000, throttleBackoffMs: [1, 1] });

    const response = await client.send({ tenantId: "globex", method: "GET", path: "/v1/models" });

    expect(response.status).toBe(429);
    expect(seen).toHaveLength(3);
  });

  it("throws SMOKE_REQUEST_FAILED, naming the timeout, when no answer comes in time", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const client = createSmokeClient({ baseUrl: silentUrl, timeoutMs: 100 });

      const error = await client
        .send({ tenantId: "globex", method: "GET", path: "/v1/health" })
        .catch((caught) => caught);

      expect(error).toMatchObject({
        code: "SMOKE_REQUEST_FAILED",
        message: `GET ${silentUrl}/globex/v1/health got no answer within 100 ms; raise --timeout-ms or check the stack`,
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
