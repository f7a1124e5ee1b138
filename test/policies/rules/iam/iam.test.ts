import { describe, expect, it } from "vitest";
import { policyNoWildcardAction } from "../../../../policies/rules/iam/policyNoWildcardAction.ts";
import { policyNoWildcardResource } from "../../../../policies/rules/iam/policyNoWildcardResource.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const rolePolicy = "aws:iam/rolePolicy:RolePolicy";
const managedPolicy = "aws:iam/policy:Policy";
const keyArn = "arn:aws:kms:us-east-1:123456789012:key/globex";
/** A tenant function's policy: scoped grants, plus the EC2 ENI calls that take no resource ARNs. */
const statements = [
  { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [keyArn] },
  {
    Effect: "Allow",
    Action: "secretsmanager:GetSecretValue",
    Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/*",
  },
  { Effect: "Allow", Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces"], Resource: "*" },
  { Effect: "Deny", Action: "*", Resource: "*" },
];
function document(changed: Record<string, unknown>[] = []): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [...statements, ...changed] });
}
const rules = [policyNoWildcardAction, policyNoWildcardResource];

describe("the IAM policy rules", () => {
  it.each(
    rules.flatMap((rule) => [rolePolicy, managedPolicy].map((type) => [rule.name, type, rule] as const)),
  )("%s passes the compliant %s", async (_name, type, rule) => {
    // Act
    const violations = await violationsOf(rule, type, { role: "silo-globex-chat", policy: document() });

    // Assess
    expect(violations).toEqual([]);
  });

  it.each(rules.map((rule) => [rule.name, rule] as const))(
    "%s does not apply to roles",
    async (_name, rule) => {
      // Act
      const verdict = await evaluateRule(rule, "aws:iam/role:Role", { assumeRolePolicy: document() });

      // Assess
      expect(verdict.applicable).toBe(false);
    },
  );

  it.each([
    [
      { Effect: "Allow", Action: "*", Resource: keyArn },
      'allows action "*"; list the actions the role needs.',
    ],
    [
      { Effect: "Allow", Action: ["kms:*"], Resource: keyArn },
      'allows action "kms:*"; list the actions the role needs.',
    ],
  ])("policyNoWildcardAction reports %j", async (statement, message) => {
    // Act
    const violations = await violationsOf(policyNoWildcardAction, rolePolicy, {
      policy: document([statement]),
    });

    // Assess
    expect(violations).toEqual([message]);
  });

  it.each([
    [
      { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" },
      'allows bedrock:InvokeModel on resource "*"; name the tenant\'s own resource ARNs.',
    ],
    [
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: ["*"] },
      'allows secretsmanager:GetSecretValue on resource "*"; name the tenant\'s own resource ARNs.',
    ],
    [
      { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" },
      'allows kms:Decrypt on resource "*"; name the tenant\'s own resource ARNs.',
    ],
    [
      { Effect: "Allow", Action: "rds-db:connect", Resource: "*" },
      'allows rds-db:connect on resource "*"; name the tenant\'s own resource ARNs.',
    ],
    [
      {
        Effect: "Allow",
        Action: "SecretsManager:GetSecretValue",
        Resource: "arn:aws:secretsmanager:*:*:secret:*",
      },
      'allows SecretsManager:GetSecretValue on resource "arn:aws:secretsmanager:*:*:secret:*"; name the tenant\'s own resource ARNs.',
    ],
    [
      { Effect: "Allow", Action: "kms:*", Resource: "arn:aws:kms:us-east-1:123456789012:key/*" },
      'allows kms:* on resource "arn:aws:kms:us-east-1:123456789012:key/*"; name the tenant\'s own resource ARNs.',
    ],
    [
      { Effect: "Allow", Action: "kms:Decrypt", NotResource: keyArn },
      `allows kms:Decrypt on every resource but "${keyArn}" (NotResource); name the tenant's own resource ARNs.`,
    ],
    [
      {
        Effect: "Allow",
        NotAction: ["iam:*", "kms:*", "secretsmanager:*", "bedrock:*", "rds:*"],
        Resource: "*",
      },
      'allows every action but "iam:*", "kms:*", "secretsmanager:*", "bedrock:*", "rds:*" (NotAction) on resource "*"; name the tenant\'s own resource ARNs.',
    ],
  ])("policyNoWildcardResource reports %j", async (statement, message) => {
    // Act
    const violations = await violationsOf(policyNoWildcardResource, managedPolicy, {
      policy: document([statement]),
    });

    // Assess
    expect(violations).toEqual([message]);
  });

  it("policyNoWildcardResource passes the tenant's own key and secrets under any spelling", async () => {
    // Act
    const violations = await violationsOf(policyNoWildcardResource, managedPolicy, {
      policy: document([
        { Effect: "Allow", Action: "KMS:*", Resource: keyArn },
        {
          Effect: "Allow",
          Action: "secretsmanager:*",
          Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/globex/*",
        },
      ]),
    });

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      "aws:iam/role:Role",
      {
        assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }),
        inlinePolicies: [
          { name: "keys", policy: document([{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }]) },
        ],
      },
      'allows kms:Decrypt on resource "*" in inlinePolicies[0].policy; name the tenant\'s own resource ARNs.',
    ],
    [
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      { role: "silo-globex-chat", policyArn: "arn:aws:iam::aws:policy/SecretsManagerReadWrite" },
      expect.stringMatching(
        /^allows secretsmanager:\* on resource "\*" through policyArn = SecretsManagerReadWrite \(.+\); name the tenant's own resource ARNs\.$/,
      ),
    ],
  ])("policyNoWildcardResource reads a %s's documents", async (type, props, message) => {
    // Act
    const violations = await violationsOf(policyNoWildcardResource, type, props);

    // Assess
    expect(violations).toContainEqual(message);
  });
});
