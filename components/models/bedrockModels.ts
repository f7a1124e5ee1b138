import type { ModelConfig } from "../../tenants/schema.ts";
import type { AwsContext } from "../common/awsContext.ts";

/** Where a tenant's application inference profile copies from, and what invoking through it touches. */
export interface BedrockModelSource {
  /** `modelSource.copyFrom` of the application inference profile. */
  readonly copyFrom: string;
  /** The foundation model ARNs a call through the profile is authorized against (besides the profile). */
  readonly foundationModelArns: readonly string[];
}

/** Geography prefixes of system-defined (cross-Region) inference profile ids, e.g. `us.anthropic...`. */
const crossRegionProfilePrefix = /^(us|us-gov|eu|apac|jp|au|ca|global)\./;

/**
 * The source of a Bedrock model's application inference profile.
 * - A foundation model id (`amazon.nova-lite-v1:0`): copy from the model in this Region; calls touch that
 *   model only.
 * - A cross-Region system profile id (`us.anthropic.claude-sonnet-4-20250514-v1:0`, for models offered only
 *   that way): copy from the system profile; calls may be served in any Region of its geography, so the
 *   model ARN's Region is `*` (still one model, never `*` as a whole).
 *
 * @example
 * bedrockModelSource(model, aws).copyFrom; // "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
 */
export function bedrockModelSource(model: Pick<ModelConfig, "modelId">, aws: AwsContext): BedrockModelSource {
  const { partition, region, accountId } = aws;
  const prefix = crossRegionProfilePrefix.exec(model.modelId)?.[0];
  if (prefix === undefined) {
    const arn = `arn:${partition}:bedrock:${region}::foundation-model/${model.modelId}`;
    return { copyFrom: arn, foundationModelArns: [arn] };
  }
  const baseModelId = model.modelId.slice(prefix.length);
  return {
    copyFrom: `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${model.modelId}`,
    foundationModelArns: [`arn:${partition}:bedrock:*::foundation-model/${baseModelId}`],
  };
}
