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

  describe("in stack tenant-globex (the stack name is the authority)", () => {
    const stack = "tenant-globex";

    it.each([
      ["an untagged key", {}],
      ["a key tagged shared", { tags: { "silo:tenant": "shared" } }],
    ])("checks %s as globex's", async (_what, tags) => {
      // Act
      const verdict = await evaluateRule(
        keySingleTenant,
        type,
        { ...compliant, ...tags, policy: undefined },
        { stack },
      );

      // Assess
      expect(verdict).toEqual({
        applicable: true,
        violations: [
          "policy is not set, so the default key policy lets every principal of the account that IAM allows use the key; set the tenant key policy (components/keys/tenantKeyPolicy.ts).",
        ],
      });
    });

    it.each([
      [
        "a separate key policy letting anyone in",
        "aws:kms/keyPolicy:KeyPolicy",
        {
          keyId: "globex-key-id",
          policy: withStatement({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }),
        },
        'policy lets any principal ("*") in; a key of tenant globex names only its own principals and resources.',
      ],
      [
        "a grant to another tenant's role",
        "aws:kms/grant:Grant",
        {
          keyId: "arn:aws:kms:us-east-1:123456789012:key/globex-key-id",
          granteePrincipal: role("silo-initech-chat"),
          operations: ["Decrypt"],
        },
        'operations names "arn:aws:iam::123456789012:role/silo-initech-chat" of tenant initech; a key of tenant globex names only its own principals and resources.',
      ],
      [
        "a key policy letting every tenant's roles in by wildcard",
        type,
        {
          ...compliant,
          policy: withStatement({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:role/silo-*" },
            Action: "kms:DescribeKey",
            Resource: "*",
          }),
        },
        'policy names "arn:aws:iam::123456789012:role/silo-*", which also matches another tenant\'s "arn:aws:iam::123456789012:role/silo-other-chat"; a key of tenant globex names only its own principals and resources.',
      ],
      [
        "a condition naming another tenant's role",
        type,
        {
          ...compliant,
          policy: withStatement({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:root" },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { ArnEquals: { "aws:PrincipalArn": role("silo-initech-data") } },
          }),
        },
        'policy names "arn:aws:iam::123456789012:role/silo-initech-data" of tenant initech; a key of tenant globex names only its own principals and resources.',
      ],
    ])("reports %s", async (_what, resourceType, props, message) => {
      // Act
      const verdict = await evaluateRule(keySingleTenant, resourceType, props, { stack });

      // Assess
      expect(verdict).toEqual({ applicable: true, violations: [message] });
    });
  });
});
