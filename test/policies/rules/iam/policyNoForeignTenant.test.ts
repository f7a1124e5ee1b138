import { describe, expect, it } from "vitest";
import { tenantFunctionPolicy } from "../../../../components/functions/functionPolicies.ts";
import { policyNoForeignTenant } from "../../../../policies/rules/iam/policyNoForeignTenant.ts";
import { evaluateRule } from "../../support/evaluateRule.ts";

const base = "arn:aws:secretsmanager:us-east-1:123456789012:secret";
/** The chat function's policy as components/functions/tenantRuntime.ts gives it to tenant globex. */
const grants = {
  logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-globex-chat",
  keyArn: "arn:aws:kms:us-east-1:123456789012:key/globex-key-id",
  databaseSecretArn: `${base}:rds!db-silo-globex-XyZ123`,
  ledgerSecretArn: `${base}:/silo/globex/ledger-role-AbCd`,
  providerKeySecretArns: [],
  inferenceProfileArns: ["arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/globex-nova"],
  foundationModelArns: ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0"],
};
const provider = {
  type: "pulumi:providers:aws",
  props: { defaultTags: JSON.stringify({ tags: { "silo:tenant": "globex" } }) },
  urn: "urn:provider",
  name: "globex-aws",
};

async function verdictOf(type: string, document: unknown) {
  return await evaluateRule(policyNoForeignTenant, type, { policy: JSON.stringify(document) }, { provider });
}

describe("policyNoForeignTenant", () => {
  it.each([
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
  ])("passes the tenant's own grants on a %s", async (type) => {
    // Act
    const verdict = await verdictOf(type, tenantFunctionPolicy("chat", grants));

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [] });
  });

  it.each([
    [
      { ledgerSecretArn: `${base}:/silo/initech/ledger-role-AbCd` },
      `${base}:/silo/initech/ledger-role-AbCd`,
      "initech",
    ],
    [
      { logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-health-chat" },
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-health-chat:*",
      "acme-health",
    ],
  ])("reports %j", async (change, text, tenant) => {
    // Act
    const verdict = await verdictOf(
      "aws:iam/rolePolicy:RolePolicy",
      tenantFunctionPolicy("chat", { ...grants, ...change }),
    );

    // Assess
    expect(verdict).toEqual({
      applicable: true,
      violations: [
        `policy names ${JSON.stringify(text)} of tenant ${tenant} in a stack of globex; grant only globex's own resources.`,
      ],
    });
  });

  it("does not apply to an untagged policy in a stack named neither shared nor tenant-<id>", async () => {
    // Act
    const verdict = await evaluateRule(policyNoForeignTenant, "aws:iam/rolePolicy:RolePolicy", {
      policy: JSON.stringify(tenantFunctionPolicy("chat", grants)),
    });

    // Assess
    expect(verdict).toEqual({ applicable: false });
  });

  describe("in stack tenant-globex (the stack name is the authority)", () => {
    const stack = "tenant-globex";
    const initechSecret = `${base}:/silo/initech/ledger-role-AbCd`;
    const readSecret = (resource: unknown) => ({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: resource }],
    });
    const trust = (principal: unknown) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: principal }],
      });
    const lambdaTrust = trust({ Service: "lambda.amazonaws.com" });

    it.each([
      ["an untagged RolePolicy", {}],
      ["a RolePolicy tagged shared", { tags: { "silo:tenant": "shared" } }],
      ["a RolePolicy tagged initech", { tags: { "silo:tenant": "initech" } }],
    ])("judges %s as globex's", async (_case, tags) => {
      // Act
      const verdict = await evaluateRule(
        policyNoForeignTenant,
        "aws:iam/rolePolicy:RolePolicy",
        { ...tags, policy: JSON.stringify(readSecret(initechSecret)) },
        { stack },
      );

      // Assess
      expect(verdict).toEqual({
        applicable: true,
        violations: [
          `policy names ${JSON.stringify(initechSecret)} of tenant initech in a stack of globex; grant only globex's own resources.`,
        ],
      });
    });

    it.each([
      [
        "a trust policy letting initech's role in",
        "aws:iam/role:Role",
        { assumeRolePolicy: trust({ AWS: "arn:aws:iam::123456789012:role/silo-initech-chat" }) },
        'assumeRolePolicy lets principal "arn:aws:iam::123456789012:role/silo-initech-chat" of tenant initech in, in a stack of globex; let in only globex\'s own roles and the AWS services acting for them.',
      ],
      [
        "an inline policy on a wildcard over every tenant's secrets",
        "aws:iam/role:Role",
        {
          assumeRolePolicy: lambdaTrust,
          inlinePolicies: [
            { name: "read", policy: JSON.stringify(readSecret("arn:aws:secretsmanager:*:*:secret:/silo/*")) },
          ],
        },
        'inlinePolicies[0].policy allows "arn:aws:secretsmanager:*:*:secret:/silo/*", which also matches another tenant\'s "arn:aws:secretsmanager:*:*:secret:/silo/other/ledger-role-AbCdEf", in a stack of globex; grant only globex\'s own resources.',
      ],
      [
        "IAMFullAccess attached by ARN",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        { role: "silo-globex-chat", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" },
        'policyArn (IAMFullAccess) allows "*", which also matches another tenant\'s "/silo/other/ledger-role", in a stack of globex; grant only globex\'s own resources.',
      ],
      [
        "a user policy with NotResource",
        "aws:iam/userPolicy:UserPolicy",
        {
          user: "ci",
          policy: JSON.stringify({
            Statement: [
              { Effect: "Allow", Action: "KMS:Decrypt", NotResource: "arn:aws:kms:*:*:key/globex-key-id" },
            ],
          }),
        },
        "policy allows every resource but \"arn:aws:kms:*:*:key/globex-key-id\" (NotResource), other tenants' included, in a stack of globex; grant only globex's own resources.",
      ],
      [
        "a secret policy open to anyone",
        "aws:secretsmanager/secretPolicy:SecretPolicy",
        {
          secretArn: `${base}:/silo/globex/ledger-role-AbCd`,
          policy: JSON.stringify({
            Statement: [
              { Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" },
            ],
          }),
        },
        'policy lets any principal ("*") in, in a stack of globex; let in only globex\'s own roles and the AWS services acting for them.',
      ],
    ])("reports %s", async (_case, type, props, message) => {
      // Act
      const verdict = await evaluateRule(policyNoForeignTenant, type, props, { stack });

      // Assess
      expect(verdict).toEqual({ applicable: true, violations: [message] });
    });

    it.each([
      [
        "a bucket policy letting in the tenant's own role named outside the kit's endings",
        "aws:s3/bucketPolicy:BucketPolicy",
        {
          bucket: "silo-globex-exports",
          policy: JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::123456789012:role/silo-globex-exports" },
                Action: "s3:GetObject",
                Resource: "arn:aws:s3:::silo-globex-exports/*",
              },
            ],
          }),
        },
      ],
      [
        "a bucket policy open to anyone (silo-s3-bucket-policy-not-public's finding)",
        "aws:s3/bucketPolicy:BucketPolicy",
        {
          bucket: "silo-globex-exports",
          policy: JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
          }),
        },
      ],
      [
        "a REST API policy open to anyone (silo-apigateway-restapi-policy-not-public's finding)",
        "aws:apigateway/restApiPolicy:RestApiPolicy",
        {
          restApiId: "api",
          policy: JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
          }),
        },
      ],
      [
        "iam:PassRole alone on every role (silo-iam-policy-no-passrole-wildcard's finding)",
        "aws:iam/rolePolicy:RolePolicy",
        {
          role: "silo-globex-jobs",
          policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] }),
        },
      ],
    ])("leaves alone %s", async (_case, type, props) => {
      // Act
      const verdict = await evaluateRule(policyNoForeignTenant, type, props, { stack });

      // Assess
      expect(verdict).toEqual({ applicable: true, violations: [] });
    });

    const tagged = (operator: string, value: string) => ({
      role: "silo-globex-chat",
      policy: JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: "arn:aws:kms:us-east-1:123456789012:key/*",
            Condition: { [operator]: { "aws:ResourceTag/silo:tenant": value } },
          },
        ],
      }),
    });

    it.each([
      [
        "StringEquals",
        "initech",
        'policy allows "arn:aws:kms:us-east-1:123456789012:key/*", which also matches another tenant\'s "arn:aws:kms:us-east-1:123456789012:key/other-key-id", in a stack of globex; grant only globex\'s own resources.',
        'policy selects resources of tenant initech by their tag (StringEquals aws:ResourceTag/silo:tenant "initech") in a stack of globex; grant only globex\'s own resources.',
      ],
      [
        "StringLike",
        "*",
        'policy allows "arn:aws:kms:us-east-1:123456789012:key/*", which also matches another tenant\'s "arn:aws:kms:us-east-1:123456789012:key/other-key-id", in a stack of globex; grant only globex\'s own resources.',
        'policy selects resources by a tag pattern (StringLike aws:ResourceTag/silo:tenant "*") that also matches tenant "other", in a stack of globex; grant only globex\'s own resources.',
      ],
    ])("reports an aws:ResourceTag/silo:tenant %s %s condition", async (operator, value, ...messages) => {
      // Act
      const verdict = await evaluateRule(
        policyNoForeignTenant,
        "aws:iam/rolePolicy:RolePolicy",
        tagged(operator, value),
        { stack },
      );

      // Assess
      expect(verdict).toEqual({ applicable: true, violations: messages });
    });

    it.each([
      ["StringEquals", "globex"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
      ["StringEquals", "${aws:PrincipalTag/silo:tenant}"],
      ["StringNotEquals", "initech"],
    ])("adds nothing for an aws:ResourceTag/silo:tenant %s %s condition", async (operator, value) => {
      // Act
      const verdict = await evaluateRule(
        policyNoForeignTenant,
        "aws:iam/rolePolicy:RolePolicy",
        tagged(operator, value),
        { stack },
      );

      // Assess
      const violations = verdict.applicable ? verdict.violations : [];
      expect(violations.filter((message) => message.includes("ResourceTag"))).toEqual([]);
    });

    it("passes a role that only Lambda may assume", async () => {
      // Act
      const verdict = await evaluateRule(
        policyNoForeignTenant,
        "aws:iam/role:Role",
        { assumeRolePolicy: lambdaTrust },
        { stack },
      );

      // Assess
      expect(verdict).toEqual({ applicable: true, violations: [] });
    });
  });
});
