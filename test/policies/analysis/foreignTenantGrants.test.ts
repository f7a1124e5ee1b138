import { describe, expect, it } from "vitest";
import { lambdaTrustPolicy, tenantFunctionPolicy } from "../../../components/functions/functionPolicies.ts";
import { tenantKeyPolicy } from "../../../components/keys/tenantKeyPolicy.ts";
import { ledgerSecretPolicy } from "../../../components/secrets/ledgerSecretPolicy.ts";
import { foreignTenantGrants } from "../../../policies/analysis/foreignTenantGrants.ts";
import { policyDocuments } from "../../../policies/analysis/policyDocuments.ts";

const aws = { accountId: "123456789012", region: "us-east-1", partition: "aws" };
const base = "arn:aws:secretsmanager:us-east-1:123456789012:secret";
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const globexRoles = ["chat", "data", "admin", "migrate"].map((fn) => role(`silo-globex-${fn}`));
const ledgerSecretArn = `${base}:/silo/globex/ledger-role-AbCdEf`;
/** Tenant globex's chat policy, as components/functions/tenantRuntime.ts gives it. */
const chatPolicy = tenantFunctionPolicy("chat", {
  logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-globex-chat",
  keyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  databaseSecretArn: `${base}:rds!db-3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f6a7b8-XyZ123`,
  ledgerSecretArn,
  providerKeySecretArns: [`${base}:/silo/globex/providers/openai-QwErTy`],
  inferenceProfileArns: ["arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3"],
  foundationModelArns: [
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0",
    "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
  ],
});

function grantsOf(type: string, props: Record<string, unknown>, ownTenant = "globex") {
  return policyDocuments({ type, props }).flatMap((carried) =>
    foreignTenantGrants(carried, ownTenant).map(({ element, text, reach }) => ({ element, text, reach })),
  );
}

describe("foreignTenantGrants", () => {
  it.each([
    ["aws:iam/rolePolicy:RolePolicy", { role: "silo-globex-chat", policy: JSON.stringify(chatPolicy) }],
    [
      "aws:iam/role:Role",
      { name: "silo-globex-chat", assumeRolePolicy: JSON.stringify(lambdaTrustPolicy(aws)) },
    ],
    [
      "aws:kms/key:Key",
      {
        policy: JSON.stringify(
          tenantKeyPolicy({
            aws,
            tenantId: "globex",
            tenantRoleArns: globexRoles,
            ledgerAdminRoleArn: role("silo-ledger-admin"),
            deployerArn: role("ci-deployer"),
          }),
        ),
      },
    ],
    [
      "aws:secretsmanager/secretPolicy:SecretPolicy",
      { policy: JSON.stringify(ledgerSecretPolicy(ledgerSecretArn, role("silo-ledger-admin"))) },
    ],
  ])("finds nothing in the kit's own %s", (type, props) => {
    // Act
    const grants = grantsOf(type, props);

    // Assess
    expect(grants).toEqual([]);
  });

  it.each([
    [
      "a mixed-case read of every secret",
      {
        Effect: "Allow",
        Action: "SecretsManager:GetSecretValue",
        Resource: "arn:aws:secretsmanager:*:*:secret:*",
      },
      {
        element: "resource",
        text: "arn:aws:secretsmanager:*:*:secret:*",
        reach: {
          reason: "wildcard",
          example: "arn:aws:secretsmanager:*:*:secret:/silo/other/ledger-role-AbCdEf",
        },
      },
    ],
    [
      "another tenant's secret by name",
      {
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: [`${base}:/silo/initech/ledger-role-AbCd`],
      },
      {
        element: "resource",
        text: `${base}:/silo/initech/ledger-role-AbCd`,
        reach: { reason: "names", tenants: ["initech"] },
      },
    ],
    [
      "NotAction on every resource",
      { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" },
      { element: "resource", text: "*", reach: { reason: "wildcard", example: "/silo/other/ledger-role" } },
    ],
    [
      "NotResource",
      { Effect: "Allow", Action: "kms:Decrypt", NotResource: "arn:aws:kms:us-east-1:123456789012:key/audit" },
      {
        element: "notResource",
        text: "arn:aws:kms:us-east-1:123456789012:key/audit",
        reach: {
          reason: "wildcard",
          example: "every resource but arn:aws:kms:us-east-1:123456789012:key/audit",
        },
      },
    ],
  ])("reports %s in a role policy", (_name, statement, grant) => {
    // Act
    const grants = grantsOf("aws:iam/rolePolicy:RolePolicy", {
      role: "silo-globex-chat",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [...chatPolicy.Statement, statement] }),
    });

    // Assess
    expect(grants).toEqual([grant]);
  });

  it("reports a trust policy that lets another tenant's role assume the role", () => {
    // Act
    const grants = grantsOf("aws:iam/role:Role", {
      name: "silo-globex-chat",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          ...lambdaTrustPolicy(aws).Statement,
          { Effect: "Allow", Principal: { AWS: role("silo-initech-chat") }, Action: "sts:AssumeRole" },
        ],
      }),
    });

    // Assess
    expect(grants).toEqual([
      {
        element: "principal",
        text: role("silo-initech-chat"),
        reach: { reason: "names", tenants: ["initech"] },
      },
    ]);
  });

  it("reports a secret policy open to anyone", () => {
    // Act
    const grants = grantsOf("aws:secretsmanager/secretPolicy:SecretPolicy", {
      policy: JSON.stringify({
        Statement: {
          Effect: "Allow",
          Principal: "*",
          Action: "secretsmanager:GetSecretValue",
          Resource: "*",
        },
      }),
    });

    // Assess
    expect(grants).toEqual([
      { element: "principal", text: "*", reach: { reason: "wildcard", example: "*" } },
    ]);
  });

  it.each([
    ["arn:aws:iam::aws:policy/AdministratorAccess"],
    ["arn:aws:iam::aws:policy/SecretsManagerReadWrite"],
  ])("reports the managed policy %s attached to a tenant role", (policyArn) => {
    // Act
    const grants = grantsOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
      role: "silo-globex-chat",
      policyArn,
    });

    // Assess
    expect(grants[0]).toEqual({
      element: "resource",
      text: "*",
      reach: { reason: "wildcard", example: "/silo/other/ledger-role" },
    });
  });

  it("reports a KMS grant that hands the tenant key to another tenant's role", () => {
    // Act
    const grants = grantsOf("aws:kms/grant:Grant", {
      keyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      granteePrincipal: role("silo-initech-chat"),
      operations: ["Decrypt"],
    });

    // Assess
    expect(grants).toEqual([
      {
        element: "principal",
        text: role("silo-initech-chat"),
        reach: { reason: "names", tenants: ["initech"] },
      },
    ]);
  });
});
