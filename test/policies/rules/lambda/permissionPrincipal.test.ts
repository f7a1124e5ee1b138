import { describe, expect, it } from "vitest";
import { permissionPrincipal } from "../../../../policies/rules/lambda/permissionPrincipal.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const permissionType = "aws:lambda/permission:Permission";
const compliantPermission = {
  action: "lambda:InvokeFunction",
  function: "silo-globex-chat",
  principal: "apigateway.amazonaws.com",
  sourceArn: "arn:aws:execute-api:us-east-1:123456789012:api-globex/*/*",
};

describe("permissionPrincipal", () => {
  it.each([
    ["a service principal tied to its source ARN", compliantPermission],
    [
      "a service principal tied to its account",
      { ...compliantPermission, sourceArn: undefined, sourceAccount: "123456789012" },
    ],
    [
      "a role of the account",
      {
        ...compliantPermission,
        principal: "arn:aws:iam::123456789012:role/silo-globex-jobs",
        sourceArn: undefined,
      },
    ],
  ])("passes %s", async (_what, permission) => {
    // Act
    const violations = await violationsOf(permissionPrincipal, permissionType, permission);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports principal *", async () => {
    // Act
    const violations = await violationsOf(permissionPrincipal, permissionType, {
      ...compliantPermission,
      principal: "*",
    });

    // Assess
    expect(violations).toEqual([
      'permission on "silo-globex-chat" grants principal "*", so anyone may invoke it; name the principal (a service with sourceArn, or a role of this account).',
    ]);
  });

  it("reports a service principal without a source", async () => {
    // Act
    const violations = await violationsOf(permissionPrincipal, permissionType, {
      ...compliantPermission,
      sourceArn: undefined,
    });

    // Assess
    expect(violations).toEqual([
      'permission on "silo-globex-chat" lets apigateway.amazonaws.com invoke it for any source; set sourceArn (e.g. the API\'s execution ARN) or sourceAccount.',
    ]);
  });
});
