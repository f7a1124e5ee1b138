import { describe, expect, it } from "vitest";
import { authorizerCacheScope } from "../../../../policies/rules/apigatewayv2/authorizerCacheScope.ts";
import { routeAuthorizer } from "../../../../policies/rules/apigatewayv2/routeAuthorizer.ts";
import { stageAccessLogs } from "../../../../policies/rules/apigatewayv2/stageAccessLogs.ts";
import { stageThrottling } from "../../../../policies/rules/apigatewayv2/stageThrottling.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const routeType = "aws:apigatewayv2/route:Route";
const compliantRoute = {
  apiId: "api-globex",
  routeKey: "POST /v1/chat/completions",
  target: "integrations/chat",
  authorizationType: "CUSTOM",
  authorizerId: "authorizer-globex",
};
const authorizerType = "aws:apigatewayv2/authorizer:Authorizer";
const compliantAuthorizer = {
  apiId: "api-globex",
  authorizerType: "REQUEST",
  identitySources: ["$request.header.Authorization", "$context.routeKey"],
  authorizerResultTtlInSeconds: 300,
};
const stageType = "aws:apigatewayv2/stage:Stage";
const compliantStage = {
  apiId: "api-globex",
  name: "$default",
  defaultRouteSettings: { throttlingRateLimit: 20, throttlingBurstLimit: 40, detailedMetricsEnabled: true },
  accessLogSettings: {
    destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:/silo/globex/api-access",
    format: '{"requestId":"$context.requestId"}',
  },
};

describe("routeAuthorizer", () => {
  it("passes a route with the custom authorizer", async () => {
    // Act
    const violations = await violationsOf(routeAuthorizer, routeType, compliantRoute);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [{ authorizationType: "NONE" }, 'authorizationType is "NONE"; set authorizationType: "CUSTOM".'],
    [{ authorizationType: undefined }, 'authorizationType is undefined; set authorizationType: "CUSTOM".'],
    [
      { authorizerId: undefined },
      "authorizerId is not set; set authorizerId to the shared edge authorizer's id.",
    ],
  ])("reports %j", async (change, message) => {
    // Act
    const violations = await violationsOf(routeAuthorizer, routeType, { ...compliantRoute, ...change });

    // Assess
    expect(violations).toEqual([message]);
  });
});

describe("authorizerCacheScope", () => {
  it("passes an authorizer keyed by the route", async () => {
    // Act
    const violations = await violationsOf(authorizerCacheScope, authorizerType, compliantAuthorizer);

    // Assess
    expect(violations).toEqual([]);
  });

  it("passes an authorizer that does not cache", async () => {
    // Act
    const violations = await violationsOf(authorizerCacheScope, authorizerType, {
      ...compliantAuthorizer,
      identitySources: ["$request.header.Authorization"],
      authorizerResultTtlInSeconds: 0,
    });

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      { identitySources: ["$request.header.Authorization"] },
      'identitySources ["$request.header.Authorization"] omit $context.routeKey while decisions are cached for 300 s; add $context.routeKey or set authorizerResultTtlInSeconds: 0.',
    ],
    [
      { identitySources: ["$request.header.Authorization"], authorizerResultTtlInSeconds: undefined },
      'identitySources ["$request.header.Authorization"] omit $context.routeKey while decisions are cached for 300 s; add $context.routeKey or set authorizerResultTtlInSeconds: 0.',
    ],
  ])("reports %j", async (change, message) => {
    // Act
    const violations = await violationsOf(authorizerCacheScope, authorizerType, {
      ...compliantAuthorizer,
      ...change,
    });

    // Assess
    expect(violations).toEqual([message]);
  });
});

describe("the stage rules", () => {
  it.each([stageAccessLogs, stageThrottling].map((rule) => [rule.name, rule] as const))(
    "%s passes the compliant stage",
    async (_name, rule) => {
      // Act
      const violations = await violationsOf(rule, stageType, compliantStage);

      // Assess
      expect(violations).toEqual([]);
    },
  );

  it.each([
    { accessLogSettings: undefined },
    { accessLogSettings: { destinationArn: compliantStage.accessLogSettings.destinationArn } },
  ])("stageAccessLogs reports %j", async (change) => {
    // Act
    const violations = await violationsOf(stageAccessLogs, stageType, { ...compliantStage, ...change });

    // Assess
    expect(violations).toEqual([
      "accessLogSettings is missing its destinationArn or format; set both (see components/edge/tenantApi.ts).",
    ]);
  });

  it.each([
    [
      { throttlingRateLimit: undefined, throttlingBurstLimit: 40 },
      ["defaultRouteSettings.throttlingRateLimit is undefined; set it from the tenant's limits."],
    ],
    [
      { throttlingRateLimit: 20, throttlingBurstLimit: 0 },
      ["defaultRouteSettings.throttlingBurstLimit is 0; set it from the tenant's limits."],
    ],
  ])("stageThrottling reports %j", async (defaultRouteSettings, messages) => {
    // Act
    const violations = await violationsOf(stageThrottling, stageType, {
      ...compliantStage,
      defaultRouteSettings,
    });

    // Assess
    expect(violations).toEqual(messages);
  });
});
