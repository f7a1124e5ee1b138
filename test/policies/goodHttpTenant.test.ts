import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyProfile } from "../../policies/profiles/loadPolicyProfile.ts";
import { allRules } from "../../policies/rules/allRules.ts";
import { runPolicies } from "../../runtime/plan/policyEngine/runPolicies.ts";
import { type PulumiRecording, startPulumiRecording } from "../../runtime/plan/pulumiRecording.ts";
import { rulesOfTheGoodHttpTenant } from "../fixtures/programs/goodHttpTenantRules.ts";
import { violationsOver } from "./support/evaluateRule.ts";

const started = await startPulumiRecording({ stack: "tenant-globex", config: { "aws:region": "us-east-1" } });
const recording: PulumiRecording = started.recording;

beforeAll(async () => {
  const { goodHttpTenant } = await import("../fixtures/programs/goodHttpTenant.ts");
  goodHttpTenant();
  await started.settle();
}, 60_000);

describe("the policy pack over a compliant HTTP API tenant program", () => {
  it("reports no violation of the HTTP API rules, nor of the tenant's data key", async () => {
    // Prepare
    const rules = allRules.filter(
      (rule) => rulesOfTheGoodHttpTenant.includes(rule.name) || rule.name === "silo-kms-tenant-data-own-key",
    );

    // Act
    const violations = await violationsOver(rules, recording.resources, await loadPolicyProfile("baseline"));

    // Assess
    expect(violations).toEqual([]);
  });

  it("applies each of those rules to it", async () => {
    // Act
    const { applied } = await runPolicies(allRules, recording.resources, {
      profile: await loadPolicyProfile("baseline"),
    });

    // Assess
    for (const name of rulesOfTheGoodHttpTenant) expect(applied, name).toContain(name);
  });

  it("catches one bad change on it: the route opened", async () => {
    // Prepare
    const resources = recording.resources.map((resource) =>
      resource.type === "aws:apigatewayv2/route:Route"
        ? { ...resource, inputs: { ...resource.inputs, authorizationType: "NONE" } }
        : resource,
    );
    const rule = allRules.filter((candidate) => candidate.name === "silo-apigatewayv2-route-authorizer");

    // Act
    const violations = await violationsOver(rule, resources, await loadPolicyProfile("baseline"));

    // Assess
    expect(violations).toHaveLength(1);
  });
});
