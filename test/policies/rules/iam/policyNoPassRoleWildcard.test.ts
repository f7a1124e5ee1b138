import { describe, expect, it } from "vitest";
import { policyNoPassRoleWildcard } from "../../../../policies/rules/iam/policyNoPassRoleWildcard.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const rolePolicyType = "aws:iam/rolePolicy:RolePolicy";

function rolePolicy(statement: Record<string, unknown>): Record<string, unknown> {
  return {
    role: "silo-globex-jobs",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
  };
}

describe("policyNoPassRoleWildcard", () => {
  it("passes PassRole on the tenant's own roles", async () => {
    // Act
    const violations = await violationsOf(
      policyNoPassRoleWildcard,
      rolePolicyType,
      rolePolicy({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: "arn:aws:iam::123456789012:role/silo-globex-*",
      }),
    );

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
      'policy statement 0 allows iam:PassRole on ["*"], which covers every role of the account; name the roles it may pass, e.g. arn:aws:iam::<account>:role/silo-<tenant>-*.',
    ],
    [
      { Sid: "Pass", Effect: "Allow", Action: "IAM:Pass*", Resource: "arn:aws:iam::123456789012:role/*" },
      'policy statement Pass allows iam:PassRole on ["arn:aws:iam::123456789012:role/*"], which covers every role of the account; name the roles it may pass, e.g. arn:aws:iam::<account>:role/silo-<tenant>-*.',
    ],
    [
      { Effect: "Allow", Action: "iam:PassRole", NotResource: "arn:aws:iam::123456789012:role/admin" },
      'policy statement 0 allows iam:PassRole on every resource but ["arn:aws:iam::123456789012:role/admin"] (NotResource), which covers every role of the account; name the roles it may pass, e.g. arn:aws:iam::<account>:role/silo-<tenant>-*.',
    ],
  ])("reports %j", async (statement, message) => {
    // Act
    const violations = await violationsOf(policyNoPassRoleWildcard, rolePolicyType, rolePolicy(statement));

    // Assess
    expect(violations).toEqual([message]);
  });

  it("reads a role's inline policies and managed policies", async () => {
    // Act
    const violations = await violationsOf(policyNoPassRoleWildcard, "aws:iam/role:Role", {
      name: "silo-globex-jobs",
      assumeRolePolicy: JSON.stringify({
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
      inlinePolicies: [
        {
          name: "pass",
          policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] }),
        },
      ],
    });

    // Assess
    expect(violations).toEqual([
      'inlinePolicies[0].policy statement 0 allows iam:PassRole on ["*"], which covers every role of the account; name the roles it may pass, e.g. arn:aws:iam::<account>:role/silo-<tenant>-*.',
    ]);
  });
});
