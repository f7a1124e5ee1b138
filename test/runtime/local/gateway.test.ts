import type { APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import type { AuthorizerResult } from "../../../runtime/authorizer/createAuthorizer.ts";
import { loadTenant } from "../../../runtime/core/tenants/loadTenants.ts";
import { startGateway } from "../../../runtime/local/gateway.ts";
import type { TenantProcess } from "../../../runtime/local/tenantProcess.ts";
import { authorizerFor } from "../authorizer/support/authorizerHarness.ts";
import { rsaKey, TestIdentityProvider, validClaims } from "../authorizer/support/testIdentityProvider.ts";

let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

const allow: AuthorizerResult = {
  isAuthorized: true,
  context: { tenantId: "globex", sub: "user-1", scopes: "models:read usage:read", tokenId: "t" },
};

/**
 * A gateway on 127.0.0.1 in front of tenant globex, whose "process" answers 200 to everything, with an
 * authorizer that allows every request and records the identity sources of each call.
 */
async function gatewayWith(
  authorizerCacheTtlSeconds: number,
  authorize: (event: APIGatewayRequestAuthorizerEventV2) => Promise<AuthorizerResult> = async () => allow,
) {
  const config = await loadTenant("globex");
  const calls: string[] = [];
  const tenantProcess = {
    invoke: async () => ({ statusCode: 200, body: "{}" }),
  } as unknown as TenantProcess;
  const gateway = await startGateway({
    port: 0,
    tenants: new Map([["globex", { config, process: tenantProcess }]]),
    authorize: async (event: APIGatewayRequestAuthorizerEventV2) => {
      calls.push(`${event.stageVariables?.tenantId} ${event.routeKey} ${event.headers?.authorization}`);
      return authorize(event);
    },
    authorizerCacheTtlSeconds,
    jwks: () => ({ status: 200, body: { keys: [] } }),
    isReady: () => true,
    log: () => undefined,
  });
  close = gateway.close;
  const get = async (path: string, token: string) =>
    (await fetch(`${gateway.url}/globex${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
  return { calls, get };
}

describe("the local gateway's authorizer cache", () => {
  it("calls the authorizer once per token and route key within the TTL", async () => {
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
      expect(after).toBe(403);
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
