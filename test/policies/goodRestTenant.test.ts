import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicyProfile } from "../../policies/profiles/loadPolicyProfile.ts";
import { allRules } from "../../policies/rules/allRules.ts";
import { runPolicies } from "../../runtime/plan/policyEngine/runPolicies.ts";
import { type PulumiRecording, startPulumiRecording } from "../../runtime/plan/pulumiRecording.ts";
import { rulesOfTheGoodRestTenant } from "../fixtures/programs/goodRestTenantRules.ts";
import { violationsOver } from "./support/evaluateRule.ts";

const started = await startPulumiRecording({ stack: "tenant-globex", config: { "aws:region": "us-east-1" } });
const recording: PulumiRecording = started.recording;

beforeAll(async () => {
  const { goodRestTenant } = await import("../fixtures/programs/goodRestTenant.ts");
  goodRestTenant();
  await started.settle();
}, 60_000);

describe("the policy pack over a compliant REST API tenant program", () => {
  it("reports no violation of the rules for REST APIs, S3, Aurora, Lambda URLs, permissions and data keys", async () => {
    // Prepare
    const rules = allRules.filter(
      (rule) =>
        rulesOfTheGoodRestTenant.includes(rule.name) ||
        [
          "silo-lambda-permission-principal",
          "silo-iam-resource-policy-no-foreign-account",
          "silo-kms-tenant-data-own-key",
        ].includes(rule.name),
    );

    // Act
    const violations = await violationsOver(rules, recording.resources, await loadPolicyProfile("regulated"));

    // Assess
    expect(violations).toEqual([]);
  });

  it("catches one bad change on it: the POST method opened", async () => {
    // Prepare
    const resources = recording.resources.map((resource) =>
      resource.name === "globex-completions-post" && resource.type === "aws:apigateway/method:Method"
        ? {
            ...resource,
            inputs: { ...resource.inputs, authorization: "NONE" },
            state: { ...resource.state, authorization: "NONE" },
          }
        : resource,
    );
    const rule = allRules.filter((candidate) => candidate.name === "silo-apigateway-method-authorizer");

    // Act
    const violations = await violationsOver(rule, resources, await loadPolicyProfile("regulated"));

    // Assess
    expect(violations).toEqual([
      'silo-apigateway-method-authorizer on globex-completions-post: POST method has authorization "NONE"; set authorization: "CUSTOM" with the shared edge authorizer\'s authorizerId.',
    ]);
  });

  it("applies each of those rules to it", async () => {
    // Act
    const { applied } = await runPolicies(allRules, recording.resources, {
      profile: await loadPolicyProfile("regulated"),
    });

    // Assess
    for (const name of rulesOfTheGoodRestTenant) {
      expect(applied, name).toContain(name);
    }
  });
});
