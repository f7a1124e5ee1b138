import type { APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import type { AuthorizerResult } from "../../../runtime/authorizer/createAuthorizer.ts";
import { loadTenant } from "../../../runtime/core/tenants/loadTenants.ts";
import { startGateway } from "../../../runtime/local/gateway.ts";
import type { TenantProcess } from "../../../runtime/local/tenantProcess.ts";

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
async function gatewayWith(authorizerCacheTtlSeconds: number) {
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
      return allow;
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
});
