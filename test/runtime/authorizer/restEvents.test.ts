import type { APIGatewayRequestAuthorizerEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../../runtime/api/routes.ts";
import type { RestAuthorizerResult } from "../../../runtime/authorizer/createAuthorizer.ts";
import { authorizerEvent, authorizerFor, restAuthorizerEvent } from "./support/authorizerHarness.ts";
import { rsaKey, TestIdentityProvider, validClaims } from "./support/testIdentityProvider.ts";

let idp: TestIdentityProvider;

beforeAll(async () => {
  idp = await TestIdentityProvider.start(rsaKey("k1"));
});

afterAll(async () => {
  await idp.close();
});

const bearer = (claims: Record<string, unknown> = validClaims()) =>
  `Bearer ${idp.sign(claims, { kid: "k1" })}`;
const chatArn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/POST/v1/chat/completions";

/** The handler's answer to a REST event, and the reason it logged. */
async function answer(event: APIGatewayRequestAuthorizerEvent) {
  const { handler, decisions } = authorizerFor(idp);
  const outcome: { result?: RestAuthorizerResult; error?: string } = await handler(event).then(
    (result) => ({ result }),
    (error: Error) => ({ error: error.message }),
  );
  return { ...outcome, reason: decisions.at(-1)?.reason };
}

describe("edge authorizer: REST API REQUEST events", () => {
  it("allows exactly the invoked method ARN, with the sub as principal and the context", async () => {
    // Act
    const { result, reason } = await answer(restAuthorizerEvent(bearer()));

    // Assess
    expect(reason).toBe("ok");
    expect(result).toEqual({
      principalId: "user-123",
      policyDocument: {
        Version: "2012-10-17",
        Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: chatArn }],
      },
      context: {
        tenantId: "acme-health",
        sub: "user-123",
        scopes: "chat:write models:read conversations:read",
        tokenId: "tok-0001",
      },
    });
  });

  it("allows the route (its path parameters as *), so a cached policy serves the next conversation too", async () => {
    // Act
    const { result, reason } = await answer(
      restAuthorizerEvent(bearer(), { routeKey: "GET /v1/conversations/{conversationId}/messages" }),
    );

    // Assess
    expect(reason).toBe("ok");
    expect(result?.policyDocument.Statement).toEqual([
      {
        Action: "execute-api:Invoke",
        Effect: "Allow",
        Resource:
          "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/conversations/*/messages",
      },
    ]);
  });

  it("finds the Authorization header whatever its case", async () => {
    // Prepare
    const event = restAuthorizerEvent(undefined);
    const headers = { ...event.headers, AUTHORIZATION: bearer() };

    // Act
    const { reason } = await answer({ ...event, headers });

    // Assess
    expect(reason).toBe("ok");
  });

  it.each([
    ["the same case", "Authorization", "Authorization"],
    ["another case", "Authorization", "authorization"],
  ])(
    "throws Unauthorized for several Authorization headers (%s), whichever of them is valid",
    async (_, firstName, secondName) => {
      // Prepare: the valid token last, where `headers` keeps it; a cache keyed on the first would then
      // serve an allow to a value nobody verified
      const event = restAuthorizerEvent(undefined);
      const forged = "Bearer not-a-token";
      const valid = bearer();
      const multiValueHeaders =
        firstName === secondName
          ? { ...event.multiValueHeaders, [firstName]: [forged, valid] }
          : { ...event.multiValueHeaders, [firstName]: [forged], [secondName]: [valid] };
      const headers = { ...event.headers, [firstName]: forged, [secondName]: valid };

      // Act
      const { error, result, reason } = await answer({ ...event, headers, multiValueHeaders });

      // Assess
      expect(result).toBeUndefined();
      expect(error).toBe("Unauthorized");
      expect(reason).toBe("malformed_authorization");
    },
  );

  it.each([
    ["no token", undefined, "missing_token"],
    ["another scheme", "Basic dXNlcjpwYXNz", "malformed_authorization"],
    ["a token that is not a JWS", "Bearer not-a-token", "malformed_token"],
  ])("throws Unauthorized (API Gateway answers 401) for %s", async (_, authorization, expected) => {
    // Act
    const { error, result, reason } = await answer(restAuthorizerEvent(authorization));

    // Assess
    expect(result).toBeUndefined();
    expect(error).toBe("Unauthorized");
    expect(reason).toBe(expected);
  });

  it("throws Unauthorized for an expired token", async () => {
    // Prepare
    const claims = { ...validClaims(), exp: Number(validClaims().iat) + 1 };

    // Act
    const { error, reason } = await answer(restAuthorizerEvent(bearer(claims)));

    // Assess
    expect(error).toBe("Unauthorized");
    expect(reason).toBe("expired");
  });

  it.each<[string, { claims?: Record<string, unknown>; routeKey?: string }, string]>([
    ["another tenant's token", { claims: validClaims("globex") }, "tenant_mismatch"],
    ["a token without the route's scope", { routeKey: "PUT /v1/budget" }, "missing_scope"],
    ["a route not in the table", { routeKey: "POST /v1/completions" }, "unknown_route"],
  ])(
    "denies %s with a Deny policy on exactly the method ARN (API Gateway answers 403)",
    async (_, options, expected) => {
      // Prepare
      const event = restAuthorizerEvent(bearer(options.claims), { routeKey: options.routeKey });

      // Act
      const { result, reason } = await answer(event);

      // Assess
      expect(reason).toBe(expected);
      expect(result?.policyDocument.Statement).toEqual([
        { Action: "execute-api:Invoke", Effect: "Deny", Resource: event.methodArn },
      ]);
      expect(result?.context).toBeUndefined();
    },
  );

  it.each([
    ["another API", "arn:aws:execute-api:eu-west-1:123456789012:zzzzzzzzzz/prod/POST/v1/chat/completions"],
    ["another stage", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/dev/POST/v1/chat/completions"],
    ["another method", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/v1/chat/completions"],
    ["another route", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/POST/v1/embeddings"],
    ["a wildcard", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*/*"],
    ["not an ARN", "POST /v1/chat/completions"],
  ])("denies a valid token when the method ARN names %s", async (_, methodArn) => {
    // Act
    const { result, reason } = await answer(restAuthorizerEvent(bearer(), { methodArn }));

    // Assess
    expect(reason).toBe("method_arn_mismatch");
    expect(result?.policyDocument.Statement).toEqual([
      { Action: "execute-api:Invoke", Effect: "Deny", Resource: methodArn },
    ]);
  });

  it("denies an API without a tenant stage variable", async () => {
    // Act
    const { result, reason } = await answer({ ...restAuthorizerEvent(bearer()), stageVariables: null });

    // Assess
    expect(reason).toBe("stage_tenant_missing");
    expect(result?.policyDocument.Statement[0]?.Effect).toBe("Deny");
  });

  it("throws an authorizer failure (API Gateway answers 500) when the keys cannot be fetched", async () => {
    // Prepare
    idp.mode = "fail";

    // Act
    const { error, reason } = await answer(restAuthorizerEvent(bearer()));
    idp.mode = "ok";

    // Assess
    expect(reason).toBe("jwks_unavailable");
    expect(error).toMatch(/^authorizer failure: jwks_unavailable$/);
  });

  it("allows only the invoked route, a wildcard only for its path parameters, over every route of the table", async () => {
    // Prepare
    const claims = { ...validClaims(), scope: routes.map((route) => route.scope ?? "").join(" ") };
    const { handler } = authorizerFor(idp);

    for (const route of routes) {
      // Act
      const event = restAuthorizerEvent(bearer(claims), { routeKey: route.routeKey });
      const result = await handler(event);

      // Assess
      const expected = `arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/${route.method}${route.path.replace(/\{\w+\}/g, "*")}`;
      expect(result.policyDocument.Statement, route.routeKey).toEqual([
        { Action: "execute-api:Invoke", Effect: "Allow", Resource: expected },
      ]);
      if (!route.path.includes("{")) expect(expected).toBe(event.methodArn);
    }
  });

  it("still answers HTTP API payload 2.0 events with simple responses", async () => {
    // Prepare
    const { handler } = authorizerFor(idp);

    // Act
    const result = await handler(authorizerEvent(bearer()));

    // Assess
    expect(result).toMatchObject({ isAuthorized: true, context: { tenantId: "acme-health" } });
  });
});
