import { request as httpRequest } from "node:http";
import type { APIGatewayRequestAuthorizerEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import {
  type GatewayResponseType,
  gatewayResponseBody,
  gatewayResponses,
} from "../../../runtime/api/gatewayResponses.ts";
import type { RestAuthorizerResult } from "../../../runtime/authorizer/createAuthorizer.ts";
import { methodPolicy } from "../../../runtime/authorizer/restAnswer.ts";
import { localApiId } from "../../../runtime/local/localMethodArn.ts";
import type { TenantProcess } from "../../../runtime/local/tenantProcess.ts";
import { authorizerFor } from "../authorizer/support/authorizerHarness.ts";
import { rsaKey, TestIdentityProvider, validClaims } from "../authorizer/support/testIdentityProvider.ts";
import { allowGlobex, gatewayFor } from "./support/gatewayHarness.ts";

let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

const context = { tenantId: "globex", sub: "user-1", scopes: "models:read", tokenId: "t" };
const okProcess: Pick<TenantProcess, "invoke"> = {
  invoke: async () => ({ statusCode: 200, body: "{}" }),
};

/** A gateway for globex whose authorizer records its events and answers with `answer`. */
async function gatewayAnswering(
  answer: (event: APIGatewayRequestAuthorizerEvent) => Promise<RestAuthorizerResult>,
  options: {
    process?: Pick<TenantProcess, "invoke">;
    ttlSeconds?: number;
    integrationTimeoutMs?: number;
  } = {},
) {
  const events: APIGatewayRequestAuthorizerEvent[] = [];
  const gateway = await gatewayFor({
    process: options.process ?? okProcess,
    authorizerCacheTtlSeconds: options.ttlSeconds ?? 0,
    integrationTimeoutMs: options.integrationTimeoutMs,
    authorize: async (event) => {
      events.push(event);
      return answer(event);
    },
  });
  close = gateway.close;
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${gateway.url}/globex${path}`, init);
    return {
      status: response.status,
      headers: response.headers,
      body: await response.json().catch(() => undefined),
    };
  };
  return { events, call };
}

const bearer = { Authorization: "Bearer t" };

/** Expects a gateway response of `type`: its status and body (with the answer's own request id). */
function expectGatewayResponse(
  answer: { status: number; headers: Headers; body: unknown },
  type: GatewayResponseType,
) {
  expect(answer.status).toBe(gatewayResponses[type].status);
  expect(answer.body).toEqual(gatewayResponseBody(type, answer.headers.get("x-request-id") ?? ""));
}

/** The real authorizer over a test identity provider, on the real clock, and a valid token for globex. */
async function realAuthorizer() {
  const idp = await TestIdentityProvider.start(rsaKey("k1"));
  const { handler, clock } = authorizerFor(idp);
  Object.defineProperty(clock, "nowMs", { get: () => Date.now() });
  const nowSeconds = Math.floor(Date.now() / 1000);
  const token = idp.sign({ ...validClaims("globex"), iat: nowSeconds - 1, exp: nowSeconds + 600 });
  return { idp, handler, token };
}

describe("the local gateway's REST authorizer event", () => {
  it("sends a REQUEST event with the method ARN, the resource, case-kept headers and the stage variables", async () => {
    // Prepare
    const { events, call } = await gatewayAnswering(async (event) => allowGlobex(event));

    // Act
    const answer = await call("/v1/conversations/c-1/messages?limit=2", {
      headers: { ...bearer, "X-Custom-Header": "kept" },
    });

    // Assess
    expect(answer.status).toBe(200);
    const event = events[0];
    expect(event).toMatchObject({
      type: "REQUEST",
      methodArn: `arn:aws:execute-api:local:000000000000:${localApiId("globex")}/local/GET/v1/conversations/c-1/messages`,
      resource: "/v1/conversations/{conversationId}/messages",
      path: "/globex/v1/conversations/c-1/messages",
      httpMethod: "GET",
      queryStringParameters: { limit: "2" },
      multiValueQueryStringParameters: { limit: ["2"] },
      pathParameters: { conversationId: "c-1" },
      stageVariables: { tenantId: "globex" },
      requestContext: {
        resourcePath: "/v1/conversations/{conversationId}/messages",
        httpMethod: "GET",
        stage: "local",
        apiId: localApiId("globex"),
        accountId: "000000000000",
        requestId: answer.headers.get("x-request-id"),
      },
    });
    expect(event?.headers?.Authorization).toBe("Bearer t");
    expect(event?.headers?.["X-Custom-Header"]).toBe("kept");
    expect(event?.multiValueHeaders?.Authorization).toEqual(["Bearer t"]);
  });

  it("carries query parameters and headers named like Object's own members (valueOf, constructor, __proto__)", async () => {
    // Prepare
    const { events, call } = await gatewayAnswering(async (event) => allowGlobex(event));

    // Act
    const answer = await call("/v1/models?valueOf=1e9&valueOf=2&constructor=x&__proto__=y&toString=", {
      headers: { ...bearer, constructor: "c" },
    });

    // Assess
    expect(answer.status).toBe(200);
    const event = events[0];
    expect({ ...event?.multiValueQueryStringParameters }).toEqual({
      valueOf: ["1e9", "2"],
      constructor: ["x"],
      ["__proto__"]: ["y"],
      toString: [""],
    });
    expect(event?.queryStringParameters?.valueOf).toBe("2");
    expect(event?.multiValueHeaders?.constructor).toEqual(["c"]);
  });

  it("is allowed by the real authorizer for a valid token", async () => {
    // Prepare
    const { idp, handler, token } = await realAuthorizer();
    try {
      const { call } = await gatewayAnswering(handler);

      // Act
      const allowed = await call("/v1/models", { headers: { authorization: `Bearer ${token}` } });
      const noScope = await call("/v1/budget", {
        method: "PUT",
        headers: { authorization: `Bearer ${token}` },
      });
      const invalid = await call("/v1/models", { headers: { authorization: "Bearer not-a-token" } });

      // Assess
      expect(allowed.status).toBe(200);
      expectGatewayResponse(noScope, "ACCESS_DENIED");
      expectGatewayResponse(invalid, "UNAUTHORIZED");
    } finally {
      await idp.close();
    }
  });
});

describe("the local gateway's policy evaluation", () => {
  it("answers 401 Unauthorized without the Authorization header, the authorizer not invoked", async () => {
    const { events, call } = await gatewayAnswering(async (event) => allowGlobex(event));

    const answer = await call("/v1/models");

    expectGatewayResponse(answer, "UNAUTHORIZED");
    expect((answer.body as { message: string }).message).toBe("Unauthorized");
    expect(events).toHaveLength(0);
  });

  it("answers 401 when the authorizer throws Unauthorized, and 500 for any other error", async () => {
    const { call } = await gatewayAnswering(async (event) => {
      throw new Error(event.headers?.Authorization === "Bearer t" ? "Unauthorized" : "JWKS unreachable");
    });

    expectGatewayResponse(await call("/v1/models", { headers: bearer }), "UNAUTHORIZED");
    expectGatewayResponse(
      await call("/v1/models", { headers: { Authorization: "Bearer x" } }),
      "AUTHORIZER_FAILURE",
    );
  });

  it("answers 500 to an answer that is no policy", async () => {
    const { call } = await gatewayAnswering(async () => ({ isAuthorized: true }) as never);

    expectGatewayResponse(await call("/v1/models", { headers: bearer }), "AUTHORIZER_FAILURE");
  });

  it.each([
    ["another method's ARN", (arn: string) => arn.replace("/GET/", "/POST/")],
    ["another API's ARN", (arn: string) => arn.replace(localApiId("globex"), "zzzzzzzzzz")],
    ["another stage's ARN", (arn: string) => arn.replace("/local/", "/prod/")],
  ])("answers 403 when the Allow covers %s", async (_, change) => {
    const { call } = await gatewayAnswering(async (event) =>
      methodPolicy("user-1", "Allow", change(event.methodArn), context),
    );

    expectGatewayResponse(await call("/v1/models", { headers: bearer }), "ACCESS_DENIED");
  });

  it("lets a covering Deny win over a wildcard Allow", async () => {
    const { call } = await gatewayAnswering(async (event) => ({
      principalId: "user-1",
      policyDocument: {
        Version: "2012-10-17",
        Statement: [
          { Action: "execute-api:Invoke", Effect: "Allow", Resource: "*" },
          {
            Action: "execute-api:Invoke",
            Effect: "Deny",
            Resource: event.methodArn.replace(/\/v1\/.*$/, "/v1/*"),
          },
        ],
      },
      context,
    }));

    expectGatewayResponse(await call("/v1/models", { headers: bearer }), "ACCESS_DENIED");
  });

  it("evaluates a cached policy against each call's own method ARN, as API Gateway does", async () => {
    // Prepare: an authorizer that allows only the exact ARN it was asked about (no route wildcard)
    const { events, call } = await gatewayAnswering(
      async (event) => methodPolicy("user-1", "Allow", event.methodArn, context),
      { ttlSeconds: 60 },
    );

    // Act
    const first = await call("/v1/conversations/c-1", { headers: bearer });
    const sameRouteOtherId = await call("/v1/conversations/c-2", { headers: bearer });

    // Assess: one call to the authorizer; its cached policy does not cover c-2
    expect(first.status).toBe(200);
    expectGatewayResponse(sameRouteOtherId, "ACCESS_DENIED");
    expect(events).toHaveLength(1);
  });

  it("serves the route's next calls from the cache with the real authorizer's route policy", async () => {
    // Prepare
    const { idp, handler, token } = await realAuthorizer();
    const headers = { authorization: `Bearer ${token}` };
    try {
      const { events, call } = await gatewayAnswering(handler, { ttlSeconds: 60 });

      // Act
      const statuses = [
        (await call("/v1/conversations/c-1", { headers })).status,
        (await call("/v1/conversations/c-2", { headers })).status,
      ];

      // Assess
      expect(statuses).toEqual([200, 200]);
      expect(events).toHaveLength(1);
    } finally {
      await idp.close();
    }
  });

  it("never caches an allow under an Authorization header the authorizer did not verify", async () => {
    // Prepare: two Authorization headers, an unverifiable one first (the identity source Node reads) and
    // a valid token last (the one a REST event's `headers` keeps)
    const { idp, handler, token } = await realAuthorizer();
    try {
      const gateway = await gatewayFor({
        process: okProcess,
        authorizerCacheTtlSeconds: 60,
        authorize: handler,
      });
      close = gateway.close;
      const statusOf = (...authorizations: string[]) =>
        new Promise<number>((resolve, reject) => {
          const url = new URL(`${gateway.url}/globex/v1/models`);
          httpRequest({
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            headers: ["Host", url.host, ...authorizations.flatMap((value) => ["Authorization", value])],
          })
            .on("response", (response) => {
              response.resume();
              resolve(response.statusCode ?? 0);
            })
            .on("error", reject)
            .end();
        });

      // Act
      const both = await statusOf("Bearer forged", `Bearer ${token}`);
      const forgedAlone = await statusOf("Bearer forged");

      // Assess
      expect(both).toBe(401);
      expect(forgedAlone).toBe(401);
    } finally {
      await idp.close();
    }
  });
});

describe("the local gateway's gateway responses", () => {
  it("answers an unknown route 404 (MISSING_AUTHENTICATION_TOKEN as configured)", async () => {
    const { call } = await gatewayAnswering(async (event) => allowGlobex(event));

    expectGatewayResponse(await call("/v1/nowhere", { headers: bearer }), "MISSING_AUTHENTICATION_TOKEN");
  });

  it("answers 504 when a buffered route's integration outlasts the timeout, aborting the invocation", async () => {
    // Prepare
    let aborted = false;
    const slow: Pick<TenantProcess, "invoke"> = {
      invoke: (_group, _event, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          });
        }),
    };
    const { call } = await gatewayAnswering(async (event) => allowGlobex(event), {
      process: slow,
      integrationTimeoutMs: 100,
    });

    // Act
    const answer = await call("/v1/models", { headers: bearer });

    // Assess
    expectGatewayResponse(answer, "INTEGRATION_TIMEOUT");
    expect(aborted).toBe(true);
  });

  it("answers 502 when a buffered route's answer is over a Lambda's 6 MB, as the failed invocation is in AWS", async () => {
    // Prepare: GET /v1/models is buffered; its answer here is 7 MB of JSON
    const large: Pick<TenantProcess, "invoke"> = {
      invoke: async () => ({
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ data: "x".repeat(7_000_000) }),
      }),
    };
    const { call } = await gatewayAnswering(async (event) => allowGlobex(event), { process: large });

    // Act
    const answer = await call("/v1/models", { headers: bearer });

    // Assess
    expect(answer.status).toBe(502);
    expect((answer.body as { code: string }).code).toBe("GATEWAY_ERROR");
  });
});
