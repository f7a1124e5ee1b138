import { describe, expect, it } from "vitest";
import { logGroupArn, partitionOf } from "../../../components/common/awsContext.ts";
import { bedrockModelSource } from "../../../components/models/bedrockModels.ts";
import { testAws } from "../support.ts";

describe("bedrockModelSource", () => {
  it("copies a foundation model of the Region and authorizes that model only", () => {
    // Act
    const source = bedrockModelSource({ modelId: "amazon.nova-lite-v1:0" }, testAws);

    // Assess
    expect(source).toEqual({
      copyFrom: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
      foundationModelArns: ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"],
    });
  });

  it("copies a cross-Region system profile and authorizes it and its model in each Region it routes to", () => {
    // Act
    const source = bedrockModelSource({ modelId: "us.anthropic.claude-sonnet-4-20250514-v1:0" }, testAws);

    // Assess
    const profile =
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0";
    expect(source.copyFrom).toBe(profile);
    expect(source.foundationModelArns[0]).toBe(profile);
    expect(source.foundationModelArns.slice(1)).toEqual(
      expect.arrayContaining(
        ["us-east-1", "us-east-2", "us-west-2"].map(
          (region) => `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0`,
        ),
      ),
    );
    expect(source.foundationModelArns.every((arn) => !arn.includes("bedrock:*"))).toBe(true);
  });

  it("fails the plan for a model without on-demand throughput in the Region, naming the profile to use", () => {
    expect(() =>
      bedrockModelSource({ modelId: "anthropic.claude-3-5-haiku-20241022-v1:0" }, testAws),
    ).toThrow(
      "anthropic.claude-3-5-haiku-20241022-v1:0 has no on-demand throughput in us-east-1; set modelId to us.anthropic.claude-3-5-haiku-20241022-v1:0",
    );
  });

  it("takes a model the catalogue does not know as its id says, a geo profile's model in any Region", () => {
    expect(
      bedrockModelSource({ modelId: "eu.mistral.future-v1:0" }, { ...testAws, region: "eu-west-1" }),
    ).toEqual({
      copyFrom: "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.mistral.future-v1:0",
      foundationModelArns: [
        "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.mistral.future-v1:0",
        "arn:aws:bedrock:*::foundation-model/mistral.future-v1:0",
      ],
    });
  });
});

describe("awsContext", () => {
  it("reads the partition off an ARN and builds log group ARNs", () => {
    // Assess
    expect(partitionOf("arn:aws-us-gov:iam::123456789012:role/ci")).toBe("aws-us-gov");
    expect(() => partitionOf("not-an-arn")).toThrow(expect.objectContaining({ code: "ARN_INVALID" }));
    expect(logGroupArn(testAws, "/silo/acme/api-access")).toBe(
      "arn:aws:logs:us-east-1:123456789012:log-group:/silo/acme/api-access",
    );
  });
});
