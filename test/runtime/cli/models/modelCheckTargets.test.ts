import { describe, expect, it } from "vitest";
import { modelCheckTargets } from "../../../../runtime/cli/models/modelCheckTargets.ts";
import type { TenantConfigInput } from "../../../../tenants/schema.ts";
import { testTenant } from "../../../components/support.ts";

function tenantWith(id: string, modelIds: readonly string[]) {
  const allowlist: NonNullable<TenantConfigInput["models"]>["allowlist"] = modelIds.map((modelId, index) => ({
    key: `m${index}`,
    provider: "bedrock",
    modelId,
  }));
  return testTenant({ id, models: { allowlist, defaultModel: "m0" } });
}

describe("modelCheckTargets", () => {
  it("checks a model named by its own id on demand in the calling Region only", () => {
    // Act
    const plan = modelCheckTargets([tenantWith("acme", ["amazon.nova-lite-v1:0"])], "us-east-1");

    // Assess
    expect(plan).toEqual({
      targets: [
        {
          foundationModelId: "amazon.nova-lite-v1:0",
          region: "us-east-1",
          calling: true,
          onDemand: true,
          type: "chat",
          tenants: ["acme"],
          modelIds: ["amazon.nova-lite-v1:0"],
        },
      ],
      placementProblems: [],
    });
  });

  it("maps a profile id to its foundation model, in the calling Region and every Region it routes to", () => {
    const plan = modelCheckTargets(
      [tenantWith("acme", ["us.anthropic.claude-3-5-haiku-20241022-v1:0"])],
      "us-east-2",
    );

    expect(plan.targets.map((target) => [target.foundationModelId, target.region, target.calling])).toEqual([
      ["anthropic.claude-3-5-haiku-20241022-v1:0", "us-east-2", true],
      ["anthropic.claude-3-5-haiku-20241022-v1:0", "us-east-1", false],
      ["anthropic.claude-3-5-haiku-20241022-v1:0", "us-west-2", false],
    ]);
    expect(plan.targets.every((target) => !target.onDemand)).toBe(true);
  });

  it("merges tenants using one model, by profile and on demand, and skips other providers", () => {
    const acme = tenantWith("acme", ["us.anthropic.claude-3-5-haiku-20241022-v1:0"]);
    const globex = tenantWith("globex", ["anthropic.claude-3-5-haiku-20241022-v1:0"]);

    const plan = modelCheckTargets([globex, acme, testTenant({ id: "initech" })], "us-west-2");

    const haikuWest = plan.targets.find(
      (target) => target.foundationModelId.startsWith("anthropic.") && target.region === "us-west-2",
    );
    expect(haikuWest).toEqual({
      foundationModelId: "anthropic.claude-3-5-haiku-20241022-v1:0",
      region: "us-west-2",
      calling: true,
      onDemand: true,
      type: "chat",
      tenants: ["acme", "globex"],
      modelIds: ["anthropic.claude-3-5-haiku-20241022-v1:0", "us.anthropic.claude-3-5-haiku-20241022-v1:0"],
    });
    // initech's bedrock model (testTenant's nova-lite) counts; its openai-compatible one does not.
    expect(
      plan.targets.find((target) => target.foundationModelId === "amazon.nova-lite-v1:0")?.tenants,
    ).toEqual(["initech"]);
    expect(plan.targets.some((target) => target.foundationModelId === "gpt-4o-mini")).toBe(false);
  });

  it("reports a bare id without on-demand throughput in the Region, and still checks its model there", () => {
    const plan = modelCheckTargets(
      [tenantWith("acme", ["anthropic.claude-3-5-haiku-20241022-v1:0"])],
      "us-east-1",
    );

    expect(plan.placementProblems).toEqual([
      {
        tenantId: "acme",
        modelId: "anthropic.claude-3-5-haiku-20241022-v1:0",
        message:
          "anthropic.claude-3-5-haiku-20241022-v1:0 has no on-demand throughput in us-east-1; set modelId to " +
          "us.anthropic.claude-3-5-haiku-20241022-v1:0 (a cross-Region inference profile)",
      },
    ]);
    expect(plan.targets).toMatchObject([{ region: "us-east-1", calling: true, onDemand: true }]);
  });

  it("checks a model the catalogue does not know in the calling Region, by its id", () => {
    const plan = modelCheckTargets([tenantWith("acme", ["eu.meta.llama3-2-3b-instruct-v1:0"])], "eu-west-1");

    expect(plan.targets).toEqual([
      {
        foundationModelId: "meta.llama3-2-3b-instruct-v1:0",
        region: "eu-west-1",
        calling: true,
        onDemand: false,
        type: "chat",
        tenants: ["acme"],
        modelIds: ["eu.meta.llama3-2-3b-instruct-v1:0"],
      },
    ]);
  });
});
