import { describe, expect, it } from "vitest";
import { tenantDataOwnKey } from "../../../../policies/rules/kms/tenantDataOwnKey.ts";
import type { PolicyEngineResource } from "../../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import { runPolicies } from "../../../../runtime/plan/policyEngine/runPolicies.ts";
import { stackViolationsOf, testResource } from "../../support/evaluateRule.ts";

const stack = "tenant-globex";
const keyArn = "arn:aws:kms:us-east-1:123456789012:key/globex-key-id";
const aliasArn = "arn:aws:kms:us-east-1:123456789012:alias/silo/globex";
const foreignKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
const fix = "use the tenant's KMS key from this stack: globex-key.";

const key = testResource({
  type: "aws:kms/key:Key",
  name: "globex-key",
  stack,
  inputs: { enableKeyRotation: true },
  state: { enableKeyRotation: true, arn: keyArn, keyId: "globex-key-id" },
});

function alias(targetKeyId = "globex-key-id", fromKey = true): PolicyEngineResource {
  return testResource({
    type: "aws:kms/alias:Alias",
    name: "globex-alias",
    stack,
    inputs: { name: "alias/silo/globex", targetKeyId },
    state: { name: "alias/silo/globex", targetKeyId, arn: aliasArn },
    ...(fromKey ? { dependencies: [key.urn], propertyDependencies: { targetKeyId: [key.urn] } } : {}),
  });
}

/** A data resource of the stack; `fromKey` says its KMS input was computed from the key (or alias). */
function data(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  property: string,
  from: readonly string[] = [key.urn],
): PolicyEngineResource {
  return testResource({
    type,
    name,
    stack,
    inputs,
    dependencies: from,
    propertyDependencies: { [property]: from },
  });
}

const secretType = "aws:secretsmanager/secret:Secret";
const logGroupType = "aws:cloudwatch/logGroup:LogGroup";
const encryptionType =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";

const secret = (kmsKeyId: unknown, from?: readonly string[]) =>
  data(secretType, "globex-secret", { name: "/silo/globex/ledger-role", kmsKeyId }, "kmsKeyId", from);
const logGroup = (kmsKeyId: unknown, from?: readonly string[]) =>
  data(logGroupType, "globex-logs", { name: "/aws/lambda/silo-globex-chat", kmsKeyId }, "kmsKeyId", from);
const encryption = (kmsMasterKeyId: unknown, from?: readonly string[]) =>
  data(
    encryptionType,
    "globex-exports-encryption",
    {
      bucket: "silo-globex-exports",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId } }],
    },
    "rules",
    from,
  );
const instance = data(
  "aws:rds/instance:Instance",
  "globex-db",
  { identifier: "silo-globex", kmsKeyId: keyArn, masterUserSecretKmsKeyId: keyArn },
  "kmsKeyId",
);

/** Globex's stack as the kit builds it, by reference, key id, alias name and alias ARN. */
function globexStack(change: { readonly [name: string]: PolicyEngineResource } = {}): PolicyEngineResource[] {
  const resources = [
    key,
    alias(),
    secret(keyArn),
    logGroup("globex-key-id", []),
    encryption("alias/silo/globex", []),
    data(
      secretType,
      "globex-provider-key",
      { name: "/silo/globex/providers/x", kmsKeyId: aliasArn },
      "kmsKeyId",
      [],
    ),
    instance,
  ];
  return resources.map((resource) => change[resource.name] ?? resource);
}

describe("tenantDataOwnKey", () => {
  it("passes data encrypted with the stack's key by reference, ARN, key id, alias name or alias ARN", async () => {
    // Act
    const violations = await stackViolationsOf(tenantDataOwnKey, globexStack());

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      "a bare key id",
      { "globex-secret": secret(foreignKeyId, []) },
      `aws:secretsmanager/secret:Secret globex-secret has kmsKeyId "${foreignKeyId}", which is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; ${fix}`,
    ],
    [
      "another key's ARN, even computed from the stack's key",
      { "globex-secret": secret(`arn:aws:kms:us-east-1:123456789012:key/${foreignKeyId}`) },
      `aws:secretsmanager/secret:Secret globex-secret has kmsKeyId "arn:aws:kms:us-east-1:123456789012:key/${foreignKeyId}", which is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; ${fix}`,
    ],
    [
      "another tenant's alias",
      { "globex-logs": logGroup("alias/silo/initech", []) },
      `aws:cloudwatch/logGroup:LogGroup globex-logs has kmsKeyId "alias/silo/initech", which names tenant initech, not globex, and is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; ${fix}`,
    ],
    [
      "another tenant's alias ARN, named as a client would",
      { "globex-logs": logGroup("arn:aws:kms:us-east-1:123456789012:alias/silo-initech-data", []) },
      `aws:cloudwatch/logGroup:LogGroup globex-logs has kmsKeyId "arn:aws:kms:us-east-1:123456789012:alias/silo-initech-data", which names tenant initech, not globex, and is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; ${fix}`,
    ],
    [
      "the shared stack's platform key",
      { "globex-logs": logGroup("alias/silo/shared", []) },
      `aws:cloudwatch/logGroup:LogGroup globex-logs has kmsKeyId "alias/silo/shared", which is the shared stack's platform key, and is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; ${fix}`,
    ],
    [
      "another tenant's alias as the bucket's default key",
      { "globex-exports-encryption": encryption("alias/silo/initech", []) },
      `${encryptionType} globex-exports-encryption has rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId "alias/silo/initech", which names tenant initech, not globex, and is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; ${fix}`,
    ],
    [
      "another key as the master user secret's",
      {
        "globex-db": data(
          "aws:rds/instance:Instance",
          "globex-db",
          { identifier: "silo-globex", kmsKeyId: keyArn, masterUserSecretKmsKeyId: foreignKeyId },
          "kmsKeyId",
        ),
      },
      `aws:rds/instance:Instance globex-db has masterUserSecretKmsKeyId "${foreignKeyId}", which is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; ${fix}`,
    ],
    [
      "the stack's alias retargeted at another key",
      { "globex-alias": alias(foreignKeyId, false) },
      `${encryptionType} globex-exports-encryption has rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId "alias/silo/globex", which is alias globex-alias of this stack, but the alias targets "${foreignKeyId}", not a KMS key of tenant globex in this stack; ${fix}`,
    ],
  ])("reports %s", async (_case, change, message) => {
    // Act
    const violations = await stackViolationsOf(tenantDataOwnKey, globexStack(change));

    // Assess
    expect(violations.map(([, text]) => text)).toContain(message);
    expect(violations.every(([, text]) => text.endsWith(fix))).toBe(true);
  });

  it("reports each violation on the resource that sets the key", async () => {
    // Act
    const violations = await stackViolationsOf(
      tenantDataOwnKey,
      globexStack({ "globex-secret": secret(foreignKeyId, []) }),
    );

    // Assess
    expect(violations.map(([name]) => name)).toEqual(["globex-secret"]);
  });

  it("names the stack reference a key was read from", async () => {
    // Prepare
    const reference = testResource({ type: "pulumi:pulumi:StackReference", name: "shared", stack });
    const sharedKeyArn = "arn:aws:kms:us-east-1:123456789012:key/shared-key-id";

    // Act
    const violations = await stackViolationsOf(tenantDataOwnKey, [
      ...globexStack({ "globex-secret": secret(sharedKeyArn, [reference.urn]) }),
      reference,
    ]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-secret",
        `aws:secretsmanager/secret:Secret globex-secret has kmsKeyId "${sharedKeyArn}", which is not a KMS key or alias of this stack (read from stack reference shared), so it cannot be proven to be tenant globex's; ${fix}`,
      ],
    ]);
  });

  it("tells a stack without a key of its own to create one", async () => {
    // Act
    const violations = await stackViolationsOf(tenantDataOwnKey, [secret(foreignKeyId, [])]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-secret",
        `aws:secretsmanager/secret:Secret globex-secret has kmsKeyId "${foreignKeyId}", which is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; create the tenant's KMS key in this stack (components/keys/tenantKey.ts) and use it.`,
      ],
    ]);
  });

  it("leaves unset and AWS managed keys to the customer-managed-key rules", async () => {
    // Act
    const violations = await stackViolationsOf(
      tenantDataOwnKey,
      globexStack({
        "globex-secret": secret(undefined, []),
        "globex-logs": logGroup("arn:aws:kms:us-east-1:123456789012:alias/aws/logs", []),
      }),
    );

    // Assess
    expect(violations).toEqual([]);
  });

  it("does not judge the shared stack", async () => {
    // Prepare
    const shared = testResource({
      type: secretType,
      name: "ledger-secret",
      stack: "shared",
      inputs: { name: "/silo/shared/ledger", kmsKeyId: foreignKeyId },
    });

    // Act
    const run = await runPolicies([tenantDataOwnKey], [shared], { profile: {} });

    // Assess
    expect(run.applied.has(tenantDataOwnKey.name)).toBe(false);
    expect(run.violations).toEqual([]);
  });
});
