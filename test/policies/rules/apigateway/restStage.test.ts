import { describe, expect, it } from "vitest";
import { stageThrottling } from "../../../../policies/rules/apigateway/stageThrottling.ts";
import { stageWebAcl } from "../../../../policies/rules/apigateway/stageWebAcl.ts";
import type { PolicyEngineResource } from "../../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import { stackViolationsOf, testResource } from "../../support/evaluateRule.ts";

function restStage(
  tier: string,
  settings: Record<string, unknown> | undefined,
  waf: boolean,
): PolicyEngineResource[] {
  const stage = testResource({
    type: "aws:apigateway/stage:Stage",
    name: "globex-api-stage",
    inputs: { restApi: "api-globex", stageName: "v1", tags: { "silo:tier": tier } },
  });
  const methodSettings = testResource({
    type: "aws:apigateway/methodSettings:MethodSettings",
    name: "globex-api-throttling",
    inputs: { restApi: "api-globex", stageName: "v1", methodPath: "*/*", settings },
    dependencies: [stage.urn],
    propertyDependencies: { stageName: [stage.urn], restApi: [] },
  });
  const association = testResource({
    type: "aws:wafv2/webAclAssociation:WebAclAssociation",
    name: "globex-api-waf",
    inputs: { resourceArn: "arn:aws:apigateway:us-east-1::/restapis/api-globex/stages/v1", webAclArn: "acl" },
    dependencies: [stage.urn],
    propertyDependencies: { resourceArn: [stage.urn], webAclArn: [] },
  });
  return [stage, ...(settings === undefined ? [] : [methodSettings]), ...(waf ? [association] : [])];
}

const limits = { throttlingRateLimit: 20, throttlingBurstLimit: 40 };

describe("stageThrottling (REST)", () => {
  it("passes a stage with method settings for */*", async () => {
    // Act
    const violations = await stackViolationsOf(stageThrottling, restStage("standard", limits, false));

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a stage without method settings", async () => {
    // Act
    const violations = await stackViolationsOf(stageThrottling, restStage("standard", undefined, false));

    // Assess
    expect(violations).toEqual([
      [
        "globex-api-stage",
        'globex-api-stage (stage v1) has no aws.apigateway.MethodSettings with methodPath "*/*"; add one with settings.throttlingRateLimit and throttlingBurstLimit from the tenant\'s limits.',
      ],
    ]);
  });

  it("reports method settings for */* without a burst limit", async () => {
    // Act
    const violations = await stackViolationsOf(
      stageThrottling,
      restStage("standard", { throttlingRateLimit: 20 }, false),
    );

    // Assess
    expect(violations).toEqual([
      [
        "globex-api-throttling",
        'globex-api-throttling (method settings "*/*" of globex-api-stage (stage v1)) has settings.throttlingBurstLimit undefined; set it to a positive value from the tenant\'s limits.',
      ],
    ]);
  });

  it("does not count method settings of another stage", async () => {
    // Prepare
    const stage = restStage("standard", undefined, false)[0] as PolicyEngineResource;
    const elsewhere = testResource({
      type: "aws:apigateway/methodSettings:MethodSettings",
      name: "other-api-throttling",
      inputs: { restApi: "api-other", stageName: "other", methodPath: "*/*", settings: limits },
    });

    // Act
    const violations = await stackViolationsOf(stageThrottling, [stage, elsewhere]);

    // Assess
    expect(violations.map(([name]) => name)).toEqual(["globex-api-stage"]);
  });
});

describe("stageWebAcl", () => {
  it.each([
    ["a regulated stage with a web ACL", restStage("regulated", limits, true)],
    ["a standard stage without one", restStage("standard", limits, false)],
  ])("passes %s", async (_what, resources) => {
    // Act
    const violations = await stackViolationsOf(stageWebAcl, resources);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a regulated stage without a web ACL association", async () => {
    // Act
    const violations = await stackViolationsOf(stageWebAcl, restStage("regulated", limits, false));

    // Assess
    expect(violations).toEqual([
      [
        "globex-api-stage",
        "globex-api-stage (stage v1) of a regulated tenant has no aws.wafv2.WebAclAssociation; associate the tenant's web ACL with resourceArn: stage.arn.",
      ],
    ]);
  });

  it("reports, on the association, a web ACL associated with no stage of the stack", async () => {
    // Prepare
    const strayArn = "arn:aws:apigateway:us-east-1::/restapis/other/stages/v1";
    const resources = restStage("regulated", limits, true).map((resource) =>
      resource.type === "aws:wafv2/webAclAssociation:WebAclAssociation"
        ? {
            ...resource,
            inputs: { ...resource.inputs, resourceArn: strayArn },
            state: { ...resource.state, resourceArn: strayArn },
            dependencies: [],
            propertyDependencies: {},
          }
        : resource,
    );

    // Act
    const violations = await stackViolationsOf(stageWebAcl, resources);

    // Assess
    expect(violations).toEqual([
      [
        "globex-api-waf",
        'globex-api-waf associates its web ACL with resourceArn "arn:aws:apigateway:us-east-1::/restapis/other/stages/v1", which is no stage of this stack, while globex-api-stage (stage v1) of a regulated tenant has none; set resourceArn: stage.arn.',
      ],
    ]);
  });
});
