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

  it("does not apply to an untagged policy", async () => {
    // Act
    const verdict = await evaluateRule(policyNoForeignTenant, "aws:iam/rolePolicy:RolePolicy", {
      policy: JSON.stringify(tenantFunctionPolicy("chat", grants)),
    });

    // Assess
    expect(verdict).toEqual({ applicable: false });
  });
});
