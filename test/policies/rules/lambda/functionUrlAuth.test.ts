import { describe, expect, it } from "vitest";
import { functionUrlAuth } from "../../../../policies/rules/lambda/functionUrlAuth.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const urlType = "aws:lambda/functionUrl:FunctionUrl";
const compliantUrl = { functionName: "silo-globex-chat", authorizationType: "AWS_IAM" };

describe("functionUrlAuth", () => {
  it("passes an IAM-authorized function URL", async () => {
    // Act
    const violations = await violationsOf(functionUrlAuth, urlType, compliantUrl);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a public function URL", async () => {
    // Act
    const violations = await violationsOf(functionUrlAuth, urlType, {
      ...compliantUrl,
      authorizationType: "NONE",
    });

    // Assess
    expect(violations).toEqual([
      'function URL of "silo-globex-chat" has authorizationType "NONE", which makes the function public; set authorizationType: "AWS_IAM", or remove the URL and route calls through the tenant\'s API.',
    ]);
  });
});
