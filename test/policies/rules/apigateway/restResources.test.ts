import { describe, expect, it } from "vitest";
import { authorizerCacheScope } from "../../../../policies/rules/apigateway/authorizerCacheScope.ts";
import { methodAuthorizer } from "../../../../policies/rules/apigateway/methodAuthorizer.ts";
import { restApiPolicyNotPublic } from "../../../../policies/rules/apigateway/restApiPolicyNotPublic.ts";
import { stageAccessLogs } from "../../../../policies/rules/apigateway/stageAccessLogs.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const methodType = "aws:apigateway/method:Method";
const compliantMethod = {
  restApi: "api-globex",
  resourceId: "resource-completions",
  httpMethod: "POST",
  authorization: "CUSTOM",
  authorizerId: "authorizer-globex",
};
const authorizerType = "aws:apigateway/authorizer:Authorizer";
const compliantAuthorizer = {
  restApi: "api-globex",
  type: "REQUEST",
  identitySource: "method.request.header.Authorization,context.httpMethod,context.resourcePath",
  authorizerResultTtlInSeconds: 60,
};
const stageType = "aws:apigateway/stage:Stage";
const compliantStage = {
  restApi: "api-globex",
  deployment: "deployment-globex",
  stageName: "v1",
  accessLogSettings: {
    destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:/silo/globex/api-access",
    format: '{"requestId":"$context.requestId","status":$context.status}',
  },
};
const openPolicy = JSON.stringify({
  Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
});

describe("methodAuthorizer", () => {
  it("passes a CUSTOM method", async () => {
    // Act
    const violations = await violationsOf(methodAuthorizer, methodType, compliantMethod);

    // Assess
    expect(violations).toEqual([]);
  });

  it("does not apply to a CORS preflight without authorization", async () => {
    // Act
    const verdict = await evaluateRule(methodAuthorizer, methodType, {
      ...compliantMethod,
      httpMethod: "OPTIONS",
      authorization: "NONE",
      authorizerId: undefined,
    });

    // Assess
    expect(verdict).toEqual({ applicable: false });
  });

  it.each([
    [
      { authorization: "NONE" },
      'POST method has authorization "NONE"; set authorization: "CUSTOM" with the shared edge authorizer\'s authorizerId.',
    ],
    [
      { authorization: "AWS_IAM" },
      'POST method has authorization "AWS_IAM"; set authorization: "CUSTOM" with the shared edge authorizer\'s authorizerId.',
    ],
    [
      { authorizerId: undefined },
      "POST method has no authorizerId; set authorizerId to the shared edge authorizer's id.",
    ],
  ])("reports %j", async (change, message) => {
    // Act
    const violations = await violationsOf(methodAuthorizer, methodType, { ...compliantMethod, ...change });

    // Assess
    expect(violations).toEqual([message]);
  });
});

describe("authorizerCacheScope (REST)", () => {
  it.each([
    ["keyed by the route", compliantAuthorizer],
    [
      "not caching",
      {
        ...compliantAuthorizer,
        identitySource: "method.request.header.Authorization",
        authorizerResultTtlInSeconds: 0,
      },
    ],
  ])("passes an authorizer %s", async (_what, authorizer) => {
    // Act
    const violations = await violationsOf(authorizerCacheScope, authorizerType, authorizer);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      { identitySource: "method.request.header.Authorization" },
      'identitySource "method.request.header.Authorization" omits context.httpMethod, context.resourcePath while decisions are cached for 60 s; set identitySource "method.request.header.Authorization,context.httpMethod,context.resourcePath" or authorizerResultTtlInSeconds: 0.',
    ],
    [
      {
        identitySource: "method.request.header.Authorization,context.httpMethod",
        authorizerResultTtlInSeconds: undefined,
      },
      'identitySource "method.request.header.Authorization,context.httpMethod" omits context.resourcePath while decisions are cached for 300 s; set identitySource "method.request.header.Authorization,context.httpMethod,context.resourcePath" or authorizerResultTtlInSeconds: 0.',
    ],
    [
      { type: "TOKEN", identitySource: "method.request.header.Authorization" },
      'a TOKEN authorizer caches decisions for 60 s by the token alone; use type "REQUEST" with identitySource "method.request.header.Authorization,context.httpMethod,context.resourcePath", or set authorizerResultTtlInSeconds: 0.',
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

describe("stageAccessLogs (REST)", () => {
  it("passes a stage logging JSON to a log group", async () => {
    // Act
    const violations = await violationsOf(stageAccessLogs, stageType, compliantStage);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      { accessLogSettings: undefined },
      "stage v1 has no accessLogSettings.destinationArn; send access logs to the tenant's log group.",
    ],
    [
      {
        accessLogSettings: {
          ...compliantStage.accessLogSettings,
          format: "$context.requestId $context.status",
        },
      },
      'stage v1 logs in format "$context.requestId $context.status", which is not a JSON object; set a JSON format with $context.requestId, $context.status and the authorizer\'s tenant.',
    ],
  ])("reports %j", async (change, message) => {
    // Act
    const violations = await violationsOf(stageAccessLogs, stageType, { ...compliantStage, ...change });

    // Assess
    expect(violations).toEqual([message]);
  });
});

describe("restApiPolicyNotPublic", () => {
  it.each([
    ["an API without a policy", "aws:apigateway/restApi:RestApi", { name: "silo-globex" }],
    [
      "a policy narrowed to a VPC endpoint",
      "aws:apigateway/restApiPolicy:RestApiPolicy",
      {
        restApiId: "api-globex",
        policy: JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Principal: "*",
              Action: "execute-api:Invoke",
              Resource: "*",
              Condition: { StringEquals: { "aws:SourceVpce": "vpce-0123" } },
            },
          ],
        }),
      },
    ],
  ])("passes %s", async (_what, type, props) => {
    // Act
    const violations = await violationsOf(restApiPolicyNotPublic, type, props);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each(["aws:apigateway/restApi:RestApi", "aws:apigateway/restApiPolicy:RestApiPolicy"])(
    "reports a policy open to every principal on %s",
    async (type) => {
      // Act
      const violations = await violationsOf(restApiPolicyNotPublic, type, {
        restApiId: "api-globex",
        policy: openPolicy,
      });

      // Assess
      expect(violations).toEqual([
        "policy statement 0 allows execute-api:Invoke to every principal without a condition; name the principals, or narrow it with a condition (aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID).",
      ]);
    },
  );
});
