import { describe, expect, it } from "vitest";
import type { BedrockCatalogueEntry } from "../../../../../runtime/core/models/catalogue/bedrockModelCatalogue.ts";
import {
  placeBedrockModel,
  profileOnlyAdvice,
  splitModelId,
} from "../../../../../runtime/core/models/catalogue/placeBedrockModel.ts";

// A catalogue of the two shapes that matter, independent of the real one's data.
const catalogue: BedrockCatalogueEntry[] = [
  {
    modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    kind: "chat",
    onDemandRegions: [],
    crossRegionProfiles: {
      us: {
        sourceRegions: ["us-east-1", "us-west-2"],
        destinationRegions: ["us-east-1", "us-east-2", "us-west-2"],
      },
      eu: { sourceRegions: ["eu-west-1"], destinationRegions: ["eu-west-1", "eu-central-1"] },
    },
    sources: ["https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html"],
  },
  {
    modelId: "amazon.nova-lite-v1:0",
    kind: "chat",
    onDemandRegions: ["us-east-1"],
    crossRegionProfiles: {
      us: { sourceRegions: ["us-east-1", "us-west-2"], destinationRegions: ["us-east-1", "us-west-2"] },
    },
    sources: ["https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html"],
  },
];

describe("placeBedrockModel", () => {
  it("serves a model with on-demand throughput in the Region by its foundation model", () => {
    expect(placeBedrockModel("amazon.nova-lite-v1:0", "us-east-1", catalogue)).toEqual({
      kind: "on-demand",
      foundationModelId: "amazon.nova-lite-v1:0",
    });
  });

  it("routes a geo profile id to every destination Region of its geography", () => {
    expect(placeBedrockModel("us.anthropic.claude-sonnet-4-20250514-v1:0", "us-east-1", catalogue)).toEqual({
      kind: "cross-region-profile",
      profileId: "us.anthropic.claude-sonnet-4-20250514-v1:0",
      foundationModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
      destinationRegions: ["us-east-1", "us-east-2", "us-west-2"],
    });
  });

  it("refuses a bare id without on-demand throughput in the Region, naming the profiles to use", () => {
    expect(() =>
      placeBedrockModel("anthropic.claude-sonnet-4-20250514-v1:0", "us-east-1", catalogue),
    ).toThrow(
      "anthropic.claude-sonnet-4-20250514-v1:0 has no on-demand throughput in us-east-1; set modelId to us.anthropic.claude-sonnet-4-20250514-v1:0 (a cross-Region inference profile)",
    );
    expect(() => placeBedrockModel("amazon.nova-lite-v1:0", "eu-west-1", catalogue)).toThrow(
      "it is offered on demand in us-east-1 and through no profile callable from eu-west-1",
    );
  });

  it("refuses a profile that cannot be called from the Region", () => {
    expect(() =>
      placeBedrockModel("eu.anthropic.claude-sonnet-4-20250514-v1:0", "us-east-1", catalogue),
    ).toThrow(expect.objectContaining({ code: "BEDROCK_MODEL_PLACEMENT" }));
  });

  it("takes a model it does not know as its id says", () => {
    expect(placeBedrockModel("mistral.new-model-v1:0", "us-east-1", catalogue)).toEqual({
      kind: "uncatalogued",
      foundationModelId: "mistral.new-model-v1:0",
    });
    expect(placeBedrockModel("eu.mistral.new-model-v1:0", "eu-west-1", catalogue)).toMatchObject({
      kind: "uncatalogued",
      profileId: "eu.mistral.new-model-v1:0",
    });
  });
});

describe("profileOnlyAdvice", () => {
  it("flags a bare id of a model offered only through profiles, whatever the Region", () => {
    expect(profileOnlyAdvice("anthropic.claude-sonnet-4-20250514-v1:0", catalogue)).toBe(
      "is offered only through cross-Region inference profiles (no on-demand throughput): use us.anthropic.claude-sonnet-4-20250514-v1:0, eu.anthropic.claude-sonnet-4-20250514-v1:0 as modelId",
    );
    expect(profileOnlyAdvice("us.anthropic.claude-sonnet-4-20250514-v1:0", catalogue)).toBeUndefined();
    expect(profileOnlyAdvice("amazon.nova-lite-v1:0", catalogue)).toBeUndefined();
    expect(profileOnlyAdvice("unknown.model", catalogue)).toBeUndefined();
  });
});

describe("splitModelId", () => {
  it("splits a geography prefix off, us-gov before us", () => {
    expect(splitModelId("us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0")).toEqual({
      geography: "us-gov",
      foundationModelId: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    });
    expect(splitModelId("amazon.nova-lite-v1:0")).toEqual({ foundationModelId: "amazon.nova-lite-v1:0" });
  });
});
