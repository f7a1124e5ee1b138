import { describe, expect, it } from "vitest";
import { resolveCheckRegion } from "../../../../runtime/cli/models/resolveCheckRegion.ts";
import type { SiloError } from "../../../../runtime/core/errors/siloError.ts";

const noStackFile = async () => undefined;

describe("resolveCheckRegion", () => {
  it("takes --region before anything else", async () => {
    const where = await resolveCheckRegion(
      { region: "eu-west-1" },
      { readStackConfig: async () => ({ "aws:region": "us-east-1" }), env: { AWS_REGION: "us-west-2" } },
    );

    expect(where).toEqual({ region: "eu-west-1", source: "--region" });
  });

  it("takes the shared stack's aws:region, of the qualified stack with --environment", async () => {
    const asked: string[] = [];
    const readStackConfig = async (stackName: string) => {
      asked.push(stackName);
      return { "aws:region": "eu-central-1" };
    };

    const where = await resolveCheckRegion({ environment: "staging" }, { readStackConfig, env: {} });

    expect(where).toEqual({ region: "eu-central-1", source: "Pulumi.staging.shared.yaml (aws:region)" });
    expect(asked).toEqual(["staging.shared"]);
  });

  it("falls back to $AWS_REGION, then $AWS_DEFAULT_REGION", async () => {
    expect(
      await resolveCheckRegion({}, { readStackConfig: noStackFile, env: { AWS_REGION: "us-west-2" } }),
    ).toEqual({ region: "us-west-2", source: "$AWS_REGION" });
    expect(
      await resolveCheckRegion(
        {},
        {
          readStackConfig: async () => ({ "silo:jwtIssuer": "x" }),
          env: { AWS_DEFAULT_REGION: "ap-south-1" },
        },
      ),
    ).toEqual({ region: "ap-south-1", source: "$AWS_DEFAULT_REGION" });
  });

  it("names every place it looked when none gives a Region", async () => {
    const failure = (await resolveCheckRegion({}, { readStackConfig: noStackFile, env: {} }).catch(
      (error: unknown) => error,
    )) as SiloError;

    expect(failure.code).toBe("MODELS_CHECK_REGION_MISSING");
    expect(failure.message).toBe(
      "no Region to check from: neither --region, nor aws:region in Pulumi.shared.yaml, nor $AWS_REGION or " +
        "$AWS_DEFAULT_REGION is set; pass the shared stack's Region, e.g. --region us-east-1",
    );
  });
});
