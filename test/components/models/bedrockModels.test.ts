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

  it("copies a cross-Region system profile and authorizes its model in any Region of the geography", () => {
    // Act
    const source = bedrockModelSource({ modelId: "us.anthropic.claude-sonnet-4-20250514-v1:0" }, testAws);

    // Assess
    expect(source.copyFrom).toBe(
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0",
    );
    expect(source.foundationModelArns).toEqual([
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
    ]);
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
