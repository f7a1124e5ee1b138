import { describe, expect, it } from "vitest";
import { policyNoWildcardAction } from "../../../../policies/rules/iam/policyNoWildcardAction.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

// Bad programs a client engineer writes, beyond RolePolicy and Policy documents (iam.test.ts has those).
const document = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const trust = document({
  Effect: "Allow",
  Principal: { Service: "lambda.amazonaws.com" },
  Action: "sts:AssumeRole",
});

describe("policyNoWildcardAction over every identity document a resource carries", () => {
  it("reads a role's inline policies, with IAM's case-insensitive action names", async () => {
    // Act
    const violations = await violationsOf(policyNoWildcardAction, "aws:iam/role:Role", {
      name: "silo-globex-chat",
      assumeRolePolicy: trust,
      inlinePolicies: [
        {
          name: "ok",
          policy: document({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
        },
        { name: "wide", policy: document({ Effect: "Allow", Action: "SecretsManager:*", Resource: "*" }) },
      ],
    });

    // Assess
    expect(violations).toEqual([
      'allows action "SecretsManager:*" in inlinePolicies[1].policy; list the actions the role needs.',
    ]);
  });

  it("counts an Allow with NotAction as the wildcard it is", async () => {
    // Act
    const violations = await violationsOf(policyNoWildcardAction, "aws:iam/rolePolicy:RolePolicy", {
      role: "silo-globex-chat",
      policy: document({ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }),
    });

    // Assess
    expect(violations).toEqual([
      'allows every action but "iam:*" (NotAction); list the actions the role needs.',
    ]);
  });

  it("reads an AWS managed policy attached by ARN as what it grants", async () => {
    // Act
    const violations = await violationsOf(
      policyNoWildcardAction,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      {
        role: "silo-globex-chat",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      },
    );

    // Assess
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^allows action "\*" through policyArn = AdministratorAccess/);
  });

  it("reads user and group policies", async () => {
    for (const [type, owner] of [
      ["aws:iam/userPolicy:UserPolicy", { user: "ci" }],
      ["aws:iam/groupPolicy:GroupPolicy", { group: "ops" }],
    ] as const) {
      const violations = await violationsOf(policyNoWildcardAction, type, {
        ...owner,
        policy: document({ Effect: "Allow", Action: "*", Resource: "*" }),
      });

      expect(violations, type).toEqual(['allows action "*"; list the actions the role needs.']);
    }
  });

  it("leaves trust policies to other rules, and does not apply to resources without identity policies", async () => {
    // Act
    const role = await evaluateRule(policyNoWildcardAction, "aws:iam/role:Role", {
      name: "silo-globex-chat",
      assumeRolePolicy: trust,
    });
    const bucket = await evaluateRule(policyNoWildcardAction, "aws:s3/bucket:Bucket", { bucket: "b" });

    // Assess
    expect(role).toEqual({ applicable: false });
    expect(bucket).toEqual({ applicable: false });
  });
});
