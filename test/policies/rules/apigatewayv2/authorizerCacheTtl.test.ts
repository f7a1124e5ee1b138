import { describe, expect, it } from "vitest";
import { authorizerCacheTtl } from "../../../../policies/rules/apigatewayv2/authorizerCacheTtl.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const httpAuthorizerType = "aws:apigatewayv2/authorizer:Authorizer";
const compliantHttpAuthorizer = {
  apiId: "api-globex",
  authorizerType: "REQUEST",
  identitySources: ["$request.header.Authorization", "$context.routeKey"],
  authorizerResultTtlInSeconds: 60,
};
const restAuthorizerType = "aws:apigateway/authorizer:Authorizer";
const compliantRestAuthorizer = {
  restApi: "rest-globex",
  type: "REQUEST",
  identitySource: "method.request.header.Authorization,context.httpMethod,context.resourcePath",
  authorizerResultTtlInSeconds: 60,
};

describe("authorizerCacheTtl", () => {
  it.each([
    [httpAuthorizerType, compliantHttpAuthorizer],
    [restAuthorizerType, compliantRestAuthorizer],
  ])("passes a %s that caches for 60 s", async (type, authorizer) => {
    // Act
    const violations = await violationsOf(authorizerCacheTtl, type, authorizer);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [httpAuthorizerType, compliantHttpAuthorizer],
    [restAuthorizerType, compliantRestAuthorizer],
  ])("passes a %s at the 300 s cap, and one that does not cache", async (type, authorizer) => {
    // Act
    const atCap = await violationsOf(authorizerCacheTtl, type, {
      ...authorizer,
      authorizerResultTtlInSeconds: 300,
    });
    const off = await violationsOf(authorizerCacheTtl, type, {
      ...authorizer,
      authorizerResultTtlInSeconds: 0,
    });

    // Assess
    expect([atCap, off]).toEqual([[], []]);
  });

  it.each([
    [httpAuthorizerType, compliantHttpAuthorizer],
    [restAuthorizerType, compliantRestAuthorizer],
  ])("reports a %s that caches past the cap", async (type, authorizer) => {
    // Act
    const violations = await violationsOf(authorizerCacheTtl, type, {
      ...authorizer,
      authorizerResultTtlInSeconds: 301,
    });

    // Assess
    expect(violations).toEqual([
      "authorizerResultTtlInSeconds is 301, so a token works up to 301 s past its exp; set it, through silo:authorizerCacheTtlSeconds on the shared stack, to at most 300.",
    ]);
  });

  it("reads an unset TTL as API Gateway's 300 s, over a stricter profile's cap", async () => {
    // Act
    const violations = await violationsOf(
      authorizerCacheTtl,
      restAuthorizerType,
      { ...compliantRestAuthorizer, authorizerResultTtlInSeconds: undefined },
      { "silo-apigateway-authorizer-cache-ttl": { maximumCacheSeconds: 60 } },
    );

    // Assess
    expect(violations).toEqual([
      "authorizerResultTtlInSeconds is unset (API Gateway caches for 300 s), so a token works up to 300 s past its exp; set it, through silo:authorizerCacheTtlSeconds on the shared stack, to at most 60.",
    ]);
  });

  it("holds the cache to the profile's maximumCacheSeconds", async () => {
    // Act
    const violations = await violationsOf(
      authorizerCacheTtl,
      httpAuthorizerType,
      { ...compliantHttpAuthorizer, authorizerResultTtlInSeconds: 120 },
      { "silo-apigateway-authorizer-cache-ttl": { maximumCacheSeconds: 60 } },
    );

    // Assess
    expect(violations).toEqual([
      "authorizerResultTtlInSeconds is 120, so a token works up to 120 s past its exp; set it, through silo:authorizerCacheTtlSeconds on the shared stack, to at most 60.",
    ]);
  });

  it("passes an HTTP API JWT authorizer, which does not cache", async () => {
    // Act
    const verdict = await evaluateRule(authorizerCacheTtl, httpAuthorizerType, {
      apiId: "api-globex",
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
    });

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [] });
  });
});
