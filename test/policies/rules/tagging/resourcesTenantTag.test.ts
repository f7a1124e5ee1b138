import { describe, expect, it } from "vitest";
import { resourcesTenantTag } from "../../../../policies/rules/tagging/resourcesTenantTag.ts";
import { runPolicies } from "../../../../runtime/plan/policyEngine/runPolicies.ts";
import { stackViolationsOf, tenantProvider, testResource } from "../../support/evaluateRule.ts";

const provider = tenantProvider("globex");
const key = testResource({ type: "aws:kms/key:Key", name: "key", inputs: {}, providerUrn: provider.urn });
const profile = testResource({
  type: "aws:bedrock/inferenceProfile:InferenceProfile",
  name: "profile",
  inputs: { tags: { "silo:tenant": "globex" } },
  providerUrn: provider.urn,
});
const alias = testResource({ type: "aws:kms/alias:Alias", name: "alias", inputs: {} });
const component = testResource({ type: "silo:tenant:TenantKey", name: "tenant-key", custom: false });
const compliant = [provider, component, key, profile, alias];

describe("resourcesTenantTag", () => {
  it("passes resources tagged by their provider or themselves, skipping untaggable ones", async () => {
    // Act
    const violations = await stackViolationsOf(resourcesTenantTag, compliant);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a taggable resource outside the tenant's provider", async () => {
    // Prepare
    const role = testResource({ type: "aws:iam/role:Role", name: "stray-role", inputs: {} });

    // Act
    const violations = await stackViolationsOf(resourcesTenantTag, [...compliant, role]);

    // Assess
    expect(violations).toEqual([
      [
        "stray-role",
        "aws:iam/role:Role stray-role has no silo:tenant tag (own tags or its provider's defaultTags); create it with the stack's AWS provider, whose defaultTags carry silo:tenant.",
      ],
    ]);
  });

  it("reports a resource tagged for another tenant", async () => {
    // Prepare
    const foreign = testResource({
      type: "aws:secretsmanager/secret:Secret",
      name: "foreign-secret",
      inputs: { tags: { "silo:tenant": "initech" } },
      providerUrn: provider.urn,
    });

    // Act
    const violations = await stackViolationsOf(resourcesTenantTag, [...compliant, foreign]);

    // Assess
    expect(violations).toEqual([
      [
        "foreign-secret",
        'aws:secretsmanager/secret:Secret foreign-secret has silo:tenant "initech", but the stack\'s other resources have "globex"; a stack holds one tenant\'s resources, so tag it "globex" or move it to its tenant\'s stack.',
      ],
    ]);
  });

  it("treats an unlisted AWS type with tags in its outputs as taggable", async () => {
    // Prepare
    const bucket = testResource({
      type: "aws:s3/bucketV2:BucketV2",
      name: "bucket",
      inputs: { tagsAll: {} },
    });

    // Act
    const violations = await stackViolationsOf(resourcesTenantTag, [...compliant, bucket]);

    // Assess
    expect(violations.map(([name]) => name)).toEqual(["bucket"]);
  });

  it("does not apply to a stack without taggable resources", async () => {
    // Act
    const run = await runPolicies([resourcesTenantTag], [provider, alias], { profile: {} });

    // Assess
    expect(run.applied.size).toBe(0);
  });

  it.each([
    ["globex's stack tagged shared", "tenant-globex", "shared", "globex"],
    ["globex's stack tagged initech", "tenant-globex", "initech", "globex"],
    ["the shared stack tagged globex", "shared", "globex", "shared"],
  ])("reports %s, whatever the other resources say", async (_case, stack, tag, owner) => {
    // Prepare: every resource carries the same wrong tag, so only the stack name can tell
    const tagged = testResource({
      type: "aws:kms/key:Key",
      name: "key",
      stack,
      inputs: { tags: { "silo:tenant": tag } },
    });

    // Act
    const violations = await stackViolationsOf(resourcesTenantTag, [tagged]);

    // Assess
    expect(violations).toEqual([
      [
        "key",
        `aws:kms/key:Key key has silo:tenant "${tag}", but it is in stack ${stack}, whose resources are "${owner}"'s; the stack name decides, so tag it "${owner}" (the stack's AWS provider defaultTags) or move it to its tenant's stack.`,
      ],
    ]);
  });
});
