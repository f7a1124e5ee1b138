// @ts-expect-error: @pulumi/policy's proxy module is internal and untyped; the analyzer wraps stack resources in it.
import { unknownCheckingProxy, unknownStringValue } from "@pulumi/policy/proxy.js";
import { describe, expect, it } from "vitest";
import { tenantDataOwnKey } from "../../../../policies/rules/kms/tenantDataOwnKey.ts";
import { policyResources } from "../../../../runtime/plan/policyEngine/analyzerArgs.ts";
import type { PolicyEngineResource } from "../../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import { testResource } from "../../support/evaluateRule.ts";

// A first `pulumi preview` of a tenant stack: the key does not exist, so its ARN and id, and every input
// computed from them, are unknown. The analyzer (@pulumi/policy's server.js) hands a stack policy each
// resource's properties behind a proxy that throws when an unknown value is read; the rule must judge such
// inputs by what they were computed from instead of ending as "can't run during preview".
const stack = "tenant-globex";
const unknown = unknownStringValue as string;

const key = testResource({
  type: "aws:kms/key:Key",
  name: "globex-key",
  stack,
  inputs: { enableKeyRotation: true, arn: unknown, keyId: unknown },
});
const alias = testResource({
  type: "aws:kms/alias:Alias",
  name: "globex-alias",
  stack,
  inputs: { name: "alias/silo/globex", targetKeyId: unknown, arn: unknown },
  propertyDependencies: { targetKeyId: [key.urn] },
});
const lambda = testResource({
  type: "aws:lambda/function:Function",
  name: "globex-chat",
  stack,
  inputs: { name: "silo-globex-chat", arn: unknown },
});

function secret(kmsKeyId: unknown, from: readonly string[]): PolicyEngineResource {
  return testResource({
    type: "aws:secretsmanager/secret:Secret",
    name: "globex-secret",
    stack,
    inputs: { name: "/silo/globex/ledger-role", kmsKeyId },
    propertyDependencies: { kmsKeyId: from },
  });
}

/** What the rule reports over the resources as the analyzer shows them during a preview. */
async function previewViolations(resources: readonly PolicyEngineResource[]): Promise<string[]> {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const previewed = policyResources(resources, byUrn).map((resource) =>
    Object.assign(resource, { props: unknownCheckingProxy(resource.props) }),
  );
  const messages: string[] = [];
  await tenantDataOwnKey.validateStack(
    {
      resources: previewed,
      getConfig: <T extends object>() => ({}) as T,
      stackTags: new Map(),
      notApplicable: (reason?: string) => {
        throw new Error(`not applicable: ${reason}`);
      },
    },
    (message) => messages.push(message),
  );
  return messages;
}

describe("tenantDataOwnKey during a preview", () => {
  it("passes an unknown input computed from the stack's key", async () => {
    // Act
    const violations = await previewViolations([key, alias, secret(unknown, [key.urn])]);

    // Assess
    expect(violations).toEqual([]);
  });

  it("passes an unknown input computed from the stack's alias of its key", async () => {
    // Act
    const violations = await previewViolations([key, alias, secret(unknown, [alias.urn])]);

    // Assess
    expect(violations).toEqual([]);
  });

  it("passes a whole unknown encryption rule computed from the key", async () => {
    // Prepare
    const encryption = testResource({
      type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      name: "globex-exports-encryption",
      stack,
      inputs: { bucket: "silo-globex-exports", rules: unknown },
      propertyDependencies: { rules: [key.urn] },
    });

    // Act
    const violations = await previewViolations([key, encryption]);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports an unknown input computed from something that is not a key of the stack", async () => {
    // Act
    const violations = await previewViolations([key, lambda, secret(unknown, [lambda.urn])]);

    // Assess
    expect(violations).toEqual([
      "aws:secretsmanager/secret:Secret globex-secret has kmsKeyId, which is unknown until the update and computed from aws:lambda/function:Function globex-chat, not from a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; use the tenant's KMS key from this stack: globex-key.",
    ]);
  });

  it("reports a known literal while the stack's key is still unknown", async () => {
    // Act
    const violations = await previewViolations([
      key,
      secret("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", []),
    ]);

    // Assess
    expect(violations).toEqual([
      `aws:secretsmanager/secret:Secret globex-secret has kmsKeyId "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", which is not a KMS key or alias of this stack, so it cannot be proven to be tenant globex's; use the tenant's KMS key from this stack: globex-key.`,
    ]);
  });
});
