import { describe, expect, it } from "vitest";
import { tenantKeyPolicy } from "../../../../components/decisions/tenantKeyPolicy.ts";
import { keySingleTenant } from "../../../../policies/rules/kms/keySingleTenant.ts";
import { evaluateRule } from "../../support/evaluateRule.ts";

const type = "aws:kms/key:Key";
const aws = { accountId: "123456789012", region: "us-east-1", partition: "aws" };
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
/** The key policy components/tenantKey.ts gives tenant globex's key. */
const policy = tenantKeyPolicy({
  aws,
  tenantId: "globex",
  tenantRoleArns: [role("silo-globex-chat"), role("silo-globex-data")],
  ledgerAdminRoleArn: role("silo-ledger-admin"),
  logGroupPatterns: ["/aws/lambda/silo-globex-*", "/silo/globex/*"],
});
const compliant = {
  description: "silo-kit key of tenant globex",
  enableKeyRotation: true,
  policy: JSON.stringify(policy),
};
const globexProvider = {
  type: "pulumi:providers:aws",
  props: { defaultTags: { tags: { "silo:tenant": "globex" } } },
  urn: "urn:provider",
  name: "globex-aws",
};

async function violations(props: Record<string, unknown>) {
  return await evaluateRule(keySingleTenant, type, props, { provider: globexProvider });
}

function withStatement(statement: Record<string, unknown>): string {
  return JSON.stringify({ ...policy, Statement: [...policy.Statement, statement] });
}

describe("keySingleTenant", () => {
  it("passes the tenant key policy", async () => {
    // Act
    const verdict = await violations(compliant);

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [] });
  });

  it.each([["the shared platform key", { tags: { "silo:tenant": "shared" } }]])(
    "does not apply to %s",
    async (_what, change) => {
      // Act
      const verdict = await violations({ ...compliant, ...change });

      // Assess
      expect(verdict).toEqual({ applicable: false });
    },
  );

  it("does not apply to an untagged key", async () => {
    // Act
    const verdict = await evaluateRule(keySingleTenant, type, compliant);

    // Assess
    expect(verdict).toEqual({ applicable: false });
  });

  it.each([
    [
      "no key policy",
      { policy: undefined },
      "policy is not set, so the default key policy lets every principal of the account that IAM allows use the key; set the tenant key policy (components/decisions/tenantKeyPolicy.ts).",
    ],
    [
      "another tenant's role",
      {
        policy: withStatement({
          Effect: "Allow",
          Principal: { AWS: role("silo-initech-chat") },
          Action: "kms:Decrypt",
          Resource: "*",
        }),
      },
      'policy names "arn:aws:iam::123456789012:role/silo-initech-chat" of tenant initech; a key of tenant globex names only its own principals and resources.',
    ],
    [
      "a principal *",
      { policy: withStatement({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }) },
      'policy allows principal "*"; name the tenant\'s roles.',
    ],
    [
      "the account using the key through IAM",
      {
        policy: withStatement({
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        }),
      },
      "policy lets the account use the key (kms:*) through IAM alone, so any role the account allows can; add a kms:ViaService condition or name the tenant's roles.",
    ],
  ])("reports %s", async (_what, change, message) => {
    // Act
    const verdict = await violations({ ...compliant, ...change });

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [message] });
  });
});
