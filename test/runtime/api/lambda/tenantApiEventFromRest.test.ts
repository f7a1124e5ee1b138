import type { APIGatewayProxyEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { tenantApiEventFromRest } from "../../../../runtime/api/lambda/tenantApiEventFromRest.ts";
import eventFixture from "../../../fixtures/api/tenant-request-event-rest.json" with { type: "json" };
import { restApiEvent } from "../support/restApiEvent.ts";

const fixture = eventFixture as unknown as APIGatewayProxyEvent;

describe("tenantApiEventFromRest", () => {
  it("keys the route by method and REST resource, so path parameters stay templated", () => {
    // Prepare
    const event = restApiEvent("POST /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: "c-1" },
      body: { content: "hi" },
    });

    // Act
    const adapted = tenantApiEventFromRest(event);

    // Assess
    expect(adapted).toMatchObject({
      version: "2.0",
      routeKey: "POST /v1/conversations/{conversationId}/messages",
      rawPath: "/v1/conversations/c-1/messages",
      pathParameters: { conversationId: "c-1" },
      body: '{"content":"hi"}',
      isBase64Encoded: false,
      stageVariables: { tenantId: "acme-health" },
    });
    expect(adapted.requestContext.routeKey).toBe("POST /v1/conversations/{conversationId}/messages");
    expect(adapted.requestContext.http).toMatchObject({
      method: "POST",
      path: "/v1/conversations/c-1/messages",
      sourceIp: "203.0.113.10",
      userAgent: "OpenAI/JS 4.77.0",
    });
  });

  it("moves the flattened authorizer context to authorizer.lambda without principalId and integrationLatency", () => {
    const adapted = tenantApiEventFromRest(fixture);

    expect(adapted.requestContext.authorizer).toEqual({
      lambda: {
        tenantId: "acme-health",
        sub: "user-123",
        scopes: "chat:write models:read conversations:read conversations:write",
        tokenId: "tok-0001",
      },
    });
    expect(adapted.requestContext).toMatchObject({
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      stage: "live",
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      timeEpoch: 1795683600000,
    });
  });

  it("leaves the authorizer out when API Gateway sent none", () => {
    const adapted = tenantApiEventFromRest(restApiEvent("GET /v1/health", { withoutAuthorizer: true }));

    expect(adapted.requestContext.authorizer).toBeUndefined();
  });

  it("lower-cases header names and joins repeated values with commas, as HTTP APIs do", () => {
    // Prepare: one header sent twice, in mixed case
    const event: APIGatewayProxyEvent = {
      ...fixture,
      headers: { ...fixture.headers, "X-Custom": "b" },
      multiValueHeaders: { ...fixture.multiValueHeaders, "X-Custom": ["a", "b"] },
    };

    // Act
    const adapted = tenantApiEventFromRest(event);

    // Assess
    expect(adapted.headers).toMatchObject({
      "x-custom": "a,b",
      "content-type": "application/json",
      "user-agent": "OpenAI/JS 4.77.0",
    });
    expect(Object.keys(adapted.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it("moves the Cookie header into cookies", () => {
    const event: APIGatewayProxyEvent = {
      ...fixture,
      headers: { ...fixture.headers, Cookie: "a=1; b=2" },
      multiValueHeaders: { ...fixture.multiValueHeaders, Cookie: ["a=1; b=2"] },
    };

    const adapted = tenantApiEventFromRest(event);

    expect(adapted.cookies).toEqual(["a=1", "b=2"]);
    expect(adapted.headers.cookie).toBeUndefined();
  });

  it("keeps single and repeated query values, joined with commas, and the raw query string", () => {
    // Prepare
    const event: APIGatewayProxyEvent = {
      ...restApiEvent("GET /v1/usage/events"),
      queryStringParameters: { limit: "5", model: "b" },
      multiValueQueryStringParameters: { limit: ["5"], model: ["a", "b"] },
    };

    // Act
    const adapted = tenantApiEventFromRest(event);

    // Assess
    expect(adapted.queryStringParameters).toEqual({ limit: "5", model: "a,b" });
    expect(adapted.rawQueryString).toBe("limit=5&model=a&model=b");
  });

  it("keeps query parameters and headers named like Object's own members as any other", () => {
    // Prepare
    const event: APIGatewayProxyEvent = {
      ...restApiEvent("GET /v1/usage/events"),
      headers: { constructor: "c" },
      multiValueHeaders: { constructor: ["c"] },
      queryStringParameters: { valueOf: "1e9", toString: "x" },
      multiValueQueryStringParameters: { valueOf: ["0", "1e9"] },
    };

    // Act
    const adapted = tenantApiEventFromRest(event);

    // Assess
    expect({ ...adapted.queryStringParameters }).toEqual({ valueOf: "0,1e9", toString: "x" });
    expect(adapted.headers.constructor).toBe("c");
  });

  it("passes a base64 body through with its flag", () => {
    const event: APIGatewayProxyEvent = {
      ...restApiEvent("POST /v1/conversations"),
      body: Buffer.from('{"title":"x"}').toString("base64"),
      isBase64Encoded: true,
    };

    const adapted = tenantApiEventFromRest(event);

    expect(adapted).toMatchObject({ body: "eyJ0aXRsZSI6IngifQ==", isBase64Encoded: true });
    expect(adapted.queryStringParameters).toBeUndefined();
  });
});
