import { placeBedrockModel } from "../../runtime/core/models/catalogue/placeBedrockModel.ts";
import type { ModelConfig } from "../../tenants/schema.ts";
import type { AwsContext } from "../common/awsContext.ts";

/** Where a tenant's application inference profile copies from, and what invoking through it touches. */
export interface BedrockModelSource {
  /** `modelSource.copyFrom` of the application inference profile. */
  readonly copyFrom: string;
  /**
   * What a call through the profile is authorized against besides the profile itself: the system profile it
   * copies (if any) and the foundation model in every Region the call may be served in.
   */
  readonly foundationModelArns: readonly string[];
}

/**
 * The source of a Bedrock model's application inference profile, from the model catalogue
 * (runtime/core/models/catalogue):
 * - a model with on-demand throughput in this Region, named by its foundation model id
 *   (`amazon.nova-lite-v1:0`): copy from the model in this Region; calls touch that model only;
 * - a cross-Region system profile id (`us.anthropic.claude-sonnet-4-20250514-v1:0`): copy from the system
 *   profile; calls may be served in any destination Region of its geography, each named (never `*`);
 * - a model the catalogue does not know: taken as its id says, with a geo profile's Regions as `*`.
 * A bare id of a model without on-demand throughput here fails the plan, naming the profile ids to use.
 *
 * @example
 * bedrockModelSource(model, aws).copyFrom; // "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
 */
export function bedrockModelSource(model: Pick<ModelConfig, "modelId">, aws: AwsContext): BedrockModelSource {
  const { partition, region, accountId } = aws;
  const foundationModel = (modelRegion: string, id: string) =>
    `arn:${partition}:bedrock:${modelRegion}::foundation-model/${id}`;
  const systemProfile = (id: string) =>
    `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${id}`;
  const placement = placeBedrockModel(model.modelId, region);
  switch (placement.kind) {
    case "on-demand": {
      const arn = foundationModel(region, placement.foundationModelId);
      return { copyFrom: arn, foundationModelArns: [arn] };
    }
    case "cross-region-profile":
      return {
        copyFrom: systemProfile(placement.profileId),
        foundationModelArns: [
          systemProfile(placement.profileId),
          ...placement.destinationRegions.map((destination) =>
            foundationModel(destination, placement.foundationModelId),
          ),
        ],
      };
    case "uncatalogued":
      if (placement.profileId === undefined) {
        const arn = foundationModel(region, placement.foundationModelId);
        return { copyFrom: arn, foundationModelArns: [arn] };
      }
      return {
        copyFrom: systemProfile(placement.profileId),
        foundationModelArns: [
          systemProfile(placement.profileId),
          foundationModel("*", placement.foundationModelId),
        ],
      };
  }
}
