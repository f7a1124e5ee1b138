import { beforeAll, describe, expect, it } from "vitest";
import { allRules } from "../../policies/rules/allRules.ts";
import { loadTenantsOrThrow } from "../../runtime/core/tenants/loadTenants.ts";
import { mockAccountId, mockRegion } from "../support/pulumi/mockOutputs.ts";
import { type PulumiRecording, startPulumiRecording } from "../support/pulumi/pulumiRecording.ts";
import { sharedOutputsFixture } from "../support/pulumi/sharedOutputsFixture.ts";
import { evaluateRule, violationsOver } from "./support/evaluateRule.ts";

// The offline plan in miniature: every example tenant's silo is built under Pulumi's mocks and every rule
// is run over every recorded resource (type token and inputs, as CrossGuard sees them).
const tenants = await loadTenantsOrThrow();
const dedicatedCidrs: Record<string, string> = { "acme-health": "10.20.0.0/16" };
let recording: PulumiRecording;

beforeAll(async () => {
  const started = await startPulumiRecording({ stack: "tenant-test" });
  recording = started.recording;
  const aws = await import("@pulumi/aws");
  const { TenantSilo } = await import("../../components/tenantSilo.ts");
  const { tenantTags } = await import("../../components/decisions/siloTags.ts");
  for (const tenant of tenants) {
    const provider = new aws.Provider(`${tenant.id}-aws`, {
      region: mockRegion,
      defaultTags: { tags: tenantTags(tenant) },
    });
    const code = (fn: string) => ({ file: `/build/${fn}/index.mjs`, sha256: fn.padEnd(64, "0") });
    new TenantSilo(
      tenant.id,
      {
        tenant,
        aws: { accountId: mockAccountId, region: mockRegion, partition: "aws" },
        shared: sharedOutputsFixture,
        environment: "production",
        code: { chat: code("chat"), data: code("data"), admin: code("admin"), migrate: code("migrate") },
        dedicatedVpcCidr: dedicatedCidrs[tenant.id],
      },
      { providers: { aws: provider } },
    );
  }
  await started.settle();
}, 60_000);

describe("the policy pack over the example tenants", () => {
  it("finds every resource type the rules check", () => {
    // Act
    const types = new Set(recording.resources.map((resource) => resource.type));

    // Assess
    for (const type of [
      "aws:rds/instance:Instance",
      "aws:kms/key:Key",
      "aws:secretsmanager/secret:Secret",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:lambda/function:Function",
      "aws:apigatewayv2/route:Route",
      "aws:apigatewayv2/authorizer:Authorizer",
      "aws:apigatewayv2/stage:Stage",
      "aws:cloudwatch/logGroup:LogGroup",
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it("reports no violation", async () => {
    // Act
    const violations = await violationsOver(allRules, recording);

    // Assess
    expect(violations).toEqual([]);
  });

  it("runs every rule on some resource", async () => {
    // Act
    const applied = new Set<string>();
    for (const resource of recording.resources) {
      for (const rule of allRules) {
        if ((await evaluateRule(rule, resource.type, { ...resource.inputs })).applicable)
          applied.add(rule.name);
      }
    }

    // Assess
    expect([...applied].sort()).toEqual(allRules.map((rule) => rule.name).sort());
  });
});
