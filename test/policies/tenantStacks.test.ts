import { beforeAll, describe, expect, it } from "vitest";
import { allRules } from "../../policies/rules/allRules.ts";
import { loadTenantsOrThrow } from "../../runtime/core/tenants/loadTenants.ts";
import type { PulumiRecording } from "../../runtime/plan/pulumiRecording.ts";
import { recordExampleSilos } from "../support/pulumi/recordExampleSilos.ts";
import { evaluateRule, violationsOver } from "./support/evaluateRule.ts";

// The offline plan in miniature: every example tenant's silo is built under Pulumi's mocks and every rule
// is run over every recorded resource (type token and inputs, as CrossGuard sees them).
const tenants = await loadTenantsOrThrow();
let recording: PulumiRecording;

beforeAll(async () => {
  recording = await recordExampleSilos(tenants);
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
