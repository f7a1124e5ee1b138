import { beforeAll, describe, expect, it } from "vitest";
import type { LambdaCode } from "../../components/functions/lambdaCode.ts";
import { loadPolicyProfile } from "../../policies/profiles/loadPolicyProfile.ts";
import { allRules } from "../../policies/rules/allRules.ts";
import type { LambdaBundleSpec } from "../../runtime/build/lambdaBundles.ts";
import { mockRegion } from "../../runtime/plan/mockOutputs.ts";
import { type PulumiRecording, startPulumiRecording } from "../../runtime/plan/pulumiRecording.ts";
import type { StackDeps } from "../../stacks/stackDeps.ts";
import { violationsOver } from "./support/evaluateRule.ts";

// The shared stack's program, run under Pulumi's mocks as in test/stacks/index.test.ts, with every rule run
// over every recorded resource.
const started = await startPulumiRecording({
  stack: "shared",
  config: {
    "aws:region": mockRegion,
    "silo:jwtIssuer": "https://idp.example.com/",
    "silo:jwtAudience": "silo-api",
    "silo:jwksUrl": "https://idp.example.com/.well-known/jwks.json",
    "silo:domainName": "api.silo.example.com",
    "silo:certificateArn": `arn:aws:acm:${mockRegion}:123456789012:certificate/0000-1111`,
    "silo:lambdaCode": "prebuilt",
  },
});
const recording: PulumiRecording = started.recording;
const fakeCode: StackDeps["prepareLambdaCode"] = async <Name extends string>(
  specs: Readonly<Record<Name, LambdaBundleSpec>>,
) => {
  const code = (name: string): LambdaCode => ({
    file: `/build/${name}/index.mjs`,
    sha256: name.padEnd(64, "0"),
  });
  return Object.fromEntries(Object.keys(specs).map((key) => [key, code(key)])) as Record<Name, LambdaCode>;
};

beforeAll(async () => {
  const { default: runStack } = await import("../../stacks/index.ts");
  await runStack({ prepareLambdaCode: fakeCode });
  await started.settle();
}, 60_000);

describe("the policy pack over the shared stack", () => {
  it("reports no violation under the baseline profile", async () => {
    // Prepare
    const profile = await loadPolicyProfile("baseline");

    // Act
    const violations = await violationsOver(allRules, recording.resources, profile);

    // Assess
    expect(violations).toEqual([]);
  });
});
