import { describe, expect, it } from "vitest";
import { inferenceProfileDescription } from "../../../components/models/inferenceProfileDescription.ts";
import { awsNameLimits } from "../../../runtime/plan/nameLimits/awsNameLimits.ts";

/** Bedrock's documented pattern for a profile description, from the plan's table. */
const bedrockDescription = awsNameLimits.find(
  (limit) =>
    limit.type === "aws:bedrock/inferenceProfile:InferenceProfile" && limit.property === "description",
);

describe("inferenceProfileDescription", () => {
  it("names the tenant, the model key and the model id in words Bedrock accepts", () => {
    // Act
    const description = inferenceProfileDescription("acme-health", {
      key: "claude-sonnet",
      modelId: "us.anthropic.claude-sonnet-4-20250514-v1:0",
    });

    // Assess
    expect(description).toBe(
      "Tenant acme-health model claude-sonnet from us.anthropic.claude-sonnet-4-20250514-v1:0",
    );
    expect(description).toMatch(bedrockDescription?.pattern ?? /^$/);
  });

  it.each([
    ["a key with doubled and mixed separators", "gpt--4o_-mini", "bedrock.model-v1:0"],
    ["a model id with characters Bedrock refuses", "mistral", "mistral.mistral-7b-instruct/v0:2 (beta), [x]"],
    ["the longest key and a long model id", `k${"-x".repeat(31)}9`, `us.${"m".repeat(150)}-v1:0`],
  ])("fits Bedrock's pattern and 200 characters for %s", (_case, key, modelId) => {
    // Act
    const description = inferenceProfileDescription(`t${"-a".repeat(15)}1`, { key, modelId });

    // Assess
    expect(description).toMatch(bedrockDescription?.pattern ?? /^$/);
    expect(description.length).toBeLessThanOrEqual(200);
  });
});
