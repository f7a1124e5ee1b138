import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyProfile } from "../../policies/profiles/loadPolicyProfile.ts";
import { policyProfileForTier } from "../../policies/profiles/policyProfileNames.ts";
import { allRules } from "../../policies/rules/allRules.ts";
import { loadTenantsOrThrow } from "../../runtime/core/tenants/loadTenants.ts";
import { runPolicies } from "../../runtime/plan/policyEngine/runPolicies.ts";
import type { PulumiRecording, RecordedResource } from "../../runtime/plan/pulumiRecording.ts";
import { rulesOfTheGoodHttpTenant } from "../fixtures/programs/goodHttpTenantRules.ts";
import { rulesOfTheGoodRestTenant } from "../fixtures/programs/goodRestTenantRules.ts";
import { recordExampleSilos } from "../support/pulumi/recordExampleSilos.ts";
import { violationsOver } from "./support/evaluateRule.ts";
import { inStack } from "./support/inStack.ts";

// The offline plan in miniature: every example tenant's silo is built under Pulumi's mocks, and every rule
// is run over each tenant's resources (its provider and its TenantSilo's descendants: what its own stack
// `tenant-<id>` would hold, moved to that stack's URNs) under the tenant's profile: regulated for tier regulated, else baseline.
const tenants = await loadTenantsOrThrow();
let recording: PulumiRecording;

function stackOf(tenantId: string): RecordedResource[] {
  const silo = recording.named("silo:tenant:TenantSilo", tenantId);
  const resources = [
    recording.named("pulumi:providers:aws", `${tenantId}-aws`),
    silo,
    ...recording.descendantsOf(silo),
  ];
  return inStack(resources, `tenant-${tenantId}`);
}

beforeAll(async () => {
  recording = await recordExampleSilos(tenants);
}, 60_000);

describe("the policy pack over the example tenants", () => {
  it("checks acme-health under the regulated profile and the others under baseline", () => {
    // Act
    const profiles = tenants.map((tenant) => [tenant.id, policyProfileForTier(tenant.tier)]);

    // Assess
    expect(Object.fromEntries(profiles)).toEqual({
      "acme-health": "regulated",
      globex: "baseline",
      initech: "baseline",
    });
  });

  it("finds every resource type the rules check", () => {
    // Act
    const types = new Set(recording.resources.map((resource) => resource.type));

    // Assess
    for (const type of [
      "aws:rds/instance:Instance",
      "aws:rds/parameterGroup:ParameterGroup",
      "aws:ec2/securityGroup:SecurityGroup",
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "aws:kms/key:Key",
      "aws:secretsmanager/secret:Secret",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:bedrock/inferenceProfile:InferenceProfile",
      "aws:lambda/function:Function",
      "aws:apigateway/restApi:RestApi",
      "aws:apigateway/method:Method",
      "aws:apigateway/authorizer:Authorizer",
      "aws:apigateway/stage:Stage",
      "aws:apigateway/methodSettings:MethodSettings",
      "aws:wafv2/webAclAssociation:WebAclAssociation",
      "aws:cloudwatch/logGroup:LogGroup",
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it.each(tenants.map((tenant) => [tenant.id, tenant] as const))(
    "reports no violation for %s under its profile",
    async (_id, tenant) => {
      // Prepare
      const profile = await loadPolicyProfile(policyProfileForTier(tenant.tier));

      // Act
      const violations = await violationsOver(allRules, stackOf(tenant.id), profile);

      // Assess
      expect(violations).toEqual([]);
    },
  );

  it("runs every rule on some tenant's stack, but those for types the kit does not create", async () => {
    // Act
    const applied = new Set<string>();
    for (const tenant of tenants) {
      const profile = await loadPolicyProfile(policyProfileForTier(tenant.tier));
      for (const name of (await runPolicies(allRules, stackOf(tenant.id), { profile })).applied) {
        applied.add(name);
      }
    }

    // Assess
    // Rules for types the kit does not create are proven on test/fixtures/programs/goodRestTenant.ts, the
    // HTTP API rules on goodHttpTenant.ts. The REST API rules must hold on the kit's own REST APIs too.
    const expected = allRules
      .map((rule) => rule.name)
      .filter(
        (name) =>
          (!rulesOfTheGoodRestTenant.includes(name) || name.startsWith("silo-apigateway-")) &&
          !rulesOfTheGoodHttpTenant.includes(name),
      );
    for (const name of expected) expect(applied, name).toContain(name);
  });

  it("finds another tenant's resources when two tenants share a stack", async () => {
    // Act
    const violations = await violationsOver(
      allRules.filter((rule) => rule.name === "silo-tagging-resources-tenant-tag"),
      [
        ...stackOf("globex"),
        ...inStack(
          stackOf("initech").filter((resource) => ["initech-aws", "initech-key-key"].includes(resource.name)),
          "tenant-globex",
        ),
      ],
      await loadPolicyProfile("baseline"),
    );

    // Assess
    expect(violations).toEqual([
      'silo-tagging-resources-tenant-tag on initech-key-key: aws:kms/key:Key initech-key-key has silo:tenant "initech", but it is in stack tenant-globex, whose resources are "globex"\'s; the stack name decides, so tag it "globex" (the stack\'s AWS provider defaultTags) or move it to its tenant\'s stack.',
    ]);
  });
});
