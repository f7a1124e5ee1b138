import { describe, expect, it } from "vitest";
import { apiNoQuickCreate } from "../../../../policies/rules/apigatewayv2/apiNoQuickCreate.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const apiType = "aws:apigatewayv2/api:Api";
const compliantApi = { name: "silo-globex", protocolType: "HTTP" };

describe("apiNoQuickCreate", () => {
  it("passes an API whose routes are declared", async () => {
    // Act
    const violations = await violationsOf(apiNoQuickCreate, apiType, compliantApi);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports quick create", async () => {
    // Act
    const violations = await violationsOf(apiNoQuickCreate, apiType, {
      ...compliantApi,
      target: "arn:aws:lambda:us-east-1:123456789012:function:silo-globex-chat",
    });

    // Assess
    expect(violations).toEqual([
      'target is "arn:aws:lambda:us-east-1:123456789012:function:silo-globex-chat", which creates a $default route without an authorizer; remove target and declare each route with authorizationType "CUSTOM".',
    ]);
  });
});
