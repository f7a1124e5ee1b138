import { describe, expect, it } from "vitest";
import { platformKeyPolicy } from "../../../../components/keys/platformKeyPolicy.ts";
import { tenantKeyPolicy } from "../../../../components/keys/tenantKeyPolicy.ts";
import { keyUsageOwnRoles } from "../../../../policies/rules/kms/keyUsageOwnRoles.ts";
import { evaluateRule } from "../../support/evaluateRule.ts";
import {
  compliantGlobexKey as compliant,
  globexProvider,
  role,
  keyType as type,
  withChangedStatement,
  withStatement,
} from "./globexKey.ts";

async function violations(props: Record<string, unknown>) {
  return await evaluateRule(keyUsageOwnRoles, type, props, { provider: globexProvider });
}

const allow = (principal: unknown, action: string | string[], condition?: Record<string, unknown>) => ({
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: "*",
  ...(condition === undefined ? {} : { Condition: condition }),
});

describe("keyUsageOwnRoles", () => {
  it("passes the tenant key policy", async () => {
    // Act
    const verdict = await violations(compliant);

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [] });
  });

  it("passes the shared platform key's policy, whose ledger admin is named by aws:PrincipalArn", async () => {
    // Prepare
    const policy = platformKeyPolicy({
      aws: { accountId: "123456789012", region: "us-east-1", partition: "aws" },
      logGroupNames: ["/aws/lambda/silo-edge-authorizer"],
      deployerArn: role("silo-deployer"),
    });

    // Act
    const verdict = await violations({
      ...compliant,
      policy: JSON.stringify(policy),
      tags: { "silo:tenant": "shared" },
    });

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [] });
  });

  it("leaves an unset policy to silo-kms-key-single-tenant, and does not apply to an untagged key", async () => {
    // Act
    const unset = await violations({ ...compliant, policy: undefined });
    const untagged = await evaluateRule(keyUsageOwnRoles, type, compliant);

    // Assess
    expect([unset, untagged]).toEqual([{ applicable: true, violations: [] }, { applicable: false }]);
  });

  it.each([
    [
      "a principal *",
      withStatement(allow("*", "kms:Decrypt")),
      'policy lets any principal ("*") use the key (kms:Decrypt); grant use to tenant globex\'s roles by name.',
    ],
    [
      "the account, through IAM alone",
      withStatement(allow({ AWS: "arn:aws:iam::123456789012:root" }, "kms:*")),
      "policy lets the account (arn:aws:iam::123456789012:root) use the key (kms:*), so any principal its IAM policies allow can, kms:ViaService or not; grant use to tenant globex's roles by name.",
    ],
    [
      "the account, through a service",
      withStatement(
        allow({ AWS: "123456789012" }, ["kms:Decrypt", "kms:GenerateDataKey*"], {
          StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" },
        }),
      ),
      "policy lets the account (123456789012) use the key (kms:Decrypt, kms:GenerateDataKey*), so any principal its IAM policies allow can, kms:ViaService or not; grant use to tenant globex's roles by name.",
    ],
    [
      "another tenant's role",
      withStatement(allow({ AWS: role("silo-initech-chat") }, "kms:Decrypt")),
      "policy lets arn:aws:iam::123456789012:role/silo-initech-chat, a role of tenant initech, use the key (kms:Decrypt); a key of tenant globex is used by its own roles only.",
    ],
    [
      "the roles of a tenant whose id extends globex's",
      withChangedStatement("TenantRolesUseKey", (statement) => ({
        ...statement,
        Principal: { AWS: role("silo-globex-eu-chat") },
      })),
      "policy lets arn:aws:iam::123456789012:role/silo-globex-eu-chat, a role of tenant globex-eu, use the key (kms:Decrypt, kms:GenerateDataKey); a key of tenant globex is used by its own roles only.",
    ],
    [
      "the deployer without an encryption context",
      withChangedStatement("DeployerEncryptsSecrets", (statement) => ({
        ...statement,
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
      })),
      "policy lets arn:aws:iam::123456789012:role/silo-deployer, not a role of tenant globex, use the key (kms:Encrypt, kms:Decrypt, kms:GenerateDataKey) beyond one service and tenant globex's resources; add kms:ViaService and a kms:EncryptionContext condition (kms:GrantIsForAWSResource for kms:CreateGrant), or remove the grant.",
    ],
    [
      "the deployer creating grants for anyone",
      withChangedStatement("DeployerLetsServicesCreateGrants", (statement) => ({
        ...statement,
        Condition: { StringEquals: { "kms:ViaService": "rds.us-east-1.amazonaws.com" } },
      })),
      "policy lets arn:aws:iam::123456789012:role/silo-deployer, not a role of tenant globex, use the key (kms:CreateGrant) beyond one service and tenant globex's resources; add kms:ViaService and a kms:EncryptionContext condition (kms:GrantIsForAWSResource for kms:CreateGrant), or remove the grant.",
    ],
    [
      "the ledger admin without kms:ViaService",
      withChangedStatement("LedgerAdminReadsLedgerSecret", (statement) => ({
        ...statement,
        Condition: { StringLike: (statement.Condition as Record<string, unknown>).StringLike },
      })),
      "policy lets arn:aws:iam::123456789012:role/silo-ledger-admin, not a role of tenant globex, use the key (kms:Decrypt) beyond one service and tenant globex's resources; add kms:ViaService and a kms:EncryptionContext condition (kms:GrantIsForAWSResource for kms:CreateGrant), or remove the grant.",
    ],
    [
      "CloudWatch Logs for any log group",
      withChangedStatement(
        "CloudWatchLogsEncryptsTenantLogs",
        ({ Condition: _condition, ...statement }) => statement,
      ),
      "policy lets the service logs.us-east-1.amazonaws.com use the key (kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*) for any resource; add a kms:EncryptionContext condition naming tenant globex's resources.",
    ],
  ])("reports %s", async (_what, policy, message) => {
    // Act
    const verdict = await violations({ ...compliant, policy });

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [message] });
  });

  it("passes administration by the account, and an Allow for own roles written with action wildcards", async () => {
    // Prepare
    const policy = withChangedStatement("TenantRolesUseKey", (statement) => ({
      ...statement,
      Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:Describe*"],
    }));

    // Act
    const verdict = await violations({ ...compliant, policy });

    // Assess
    expect(verdict).toEqual({ applicable: true, violations: [] });
  });

  describe("in stack tenant-globex (the stack name is the authority)", () => {
    const stack = "tenant-globex";

    it("judges a key tagged shared as globex's, so the shared stack's roles may not use it", async () => {
      // Prepare
      const policy = withStatement(allow({ AWS: role("silo-ledger-admin") }, "kms:Decrypt"));

      // Act
      const verdict = await evaluateRule(
        keyUsageOwnRoles,
        type,
        { ...compliant, tags: { "silo:tenant": "shared" }, policy },
        { stack },
      );

      // Assess
      expect(verdict).toEqual({
        applicable: true,
        violations: [
          "policy lets arn:aws:iam::123456789012:role/silo-ledger-admin, not a role of tenant globex, use the key (kms:Decrypt) beyond one service and tenant globex's resources; add kms:ViaService and a kms:EncryptionContext condition (kms:GrantIsForAWSResource for kms:CreateGrant), or remove the grant.",
        ],
      });
    });

    it.each([
      [
        "a NotAction that leaves use",
        type,
        {
          ...compliant,
          policy: withStatement({
            Effect: "Allow",
            Principal: "*",
            NotAction: "kms:ScheduleKeyDeletion",
            Resource: "*",
          }),
        },
        'policy lets any principal ("*") use the key (every action but "kms:ScheduleKeyDeletion" (NotAction)); grant use to tenant globex\'s roles by name.',
      ],
      [
        "a mixed-case action in a separate key policy",
        "aws:kms/keyPolicy:KeyPolicy",
        {
          keyId: "globex-key-id",
          policy: withStatement(allow({ AWS: role("silo-initech-chat") }, "KMS:decrypt")),
        },
        "policy lets arn:aws:iam::123456789012:role/silo-initech-chat, a role of tenant initech, use the key (KMS:decrypt); a key of tenant globex is used by its own roles only.",
      ],
      [
        "a grant to a role outside the silo",
        "aws:kms/grant:Grant",
        {
          keyId: "arn:aws:kms:us-east-1:123456789012:key/globex-key-id",
          granteePrincipal: role("reporting"),
          operations: ["Decrypt", "GenerateDataKey"],
        },
        "operations lets arn:aws:iam::123456789012:role/reporting, not a role of tenant globex, use the key (kms:Decrypt, kms:GenerateDataKey) beyond one service and tenant globex's resources; add kms:ViaService and a kms:EncryptionContext condition (kms:GrantIsForAWSResource for kms:CreateGrant), or remove the grant.",
      ],
    ])("reports %s", async (_what, resourceType, props, message) => {
      // Act
      const verdict = await evaluateRule(keyUsageOwnRoles, resourceType, props, { stack });

      // Assess
      expect(verdict).toEqual({ applicable: true, violations: [message] });
    });
  });

  it("takes a qualified stack's own roles by their qualified names, and production's as another silo's", async () => {
    // Prepare: globex's key policy as a `staging.tenant-globex` stack builds it, and the same key naming
    // production's roles instead.
    const keyPolicyOf = (prefix: string) =>
      JSON.stringify(
        tenantKeyPolicy({
          aws: {
            accountId: "123456789012",
            region: "us-east-1",
            partition: "aws",
            environmentQualifier: "staging",
          },
          tenantId: "globex",
          tenantRoleArns: ["chat", "data", "admin", "migrate"].map((fn) =>
            role(`${prefix}silo-globex-${fn}`),
          ),
          ledgerAdminRoleArn: role("staging-silo-ledger-admin"),
          deployerArn: role("silo-deployer"),
        }),
      );
    const inStaging = (policy: string) =>
      evaluateRule(
        keyUsageOwnRoles,
        type,
        { ...compliant, policy },
        { provider: globexProvider, stack: "staging.tenant-globex" },
      );

    // Act
    const own = await inStaging(keyPolicyOf("staging-"));
    const production = await inStaging(keyPolicyOf(""));

    // Assess
    expect(own).toEqual({ applicable: true, violations: [] });
    expect(production).toMatchObject({ applicable: true });
    expect(production.applicable && production.violations).toHaveLength(4);
    expect(production.applicable && production.violations[0]).toContain(
      "policy lets arn:aws:iam::123456789012:role/silo-globex-chat, not a role of tenant globex, use the key",
    );
  });
});
