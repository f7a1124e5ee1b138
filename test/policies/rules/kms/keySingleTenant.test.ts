import { describe, expect, it } from "vitest";
import { keySingleTenant } from "../../../../policies/rules/kms/keySingleTenant.ts";
import { evaluateRule } from "../../support/evaluateRule.ts";
import {
  compliantGlobexKey as compliant,
  globexProvider,
  role,
  keyType as type,
  withStatement,
} from "./globexKey.ts";

async function violations(props: Record<string, unknown>) {
  return await evaluateRule(keySingleTenant, type, props, { provider: globexProvider });
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
      "policy is not set, so the default key policy lets every principal of the account that IAM allows use the key; set the tenant key policy (components/keys/tenantKeyPolicy.ts).",
    ],
    [
      "another tenant's role",
      {
        policy: withStatement({
          Effect: "Allow",
          Principal: { AWS: role("silo-initech-chat") },
          Action: "kms:DescribeKey",
          Resource: "*",
        }),
      },
      'policy names "arn:aws:iam::123456789012:role/silo-initech-chat" of tenant initech; a key of tenant globex names only its own principals and resources.',
    ],
  ])("reports %s", async (_what, change, message) => {
    // Act
    const verdict = await violations({ ...compliant, ...change });

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [message] });
  });
});
