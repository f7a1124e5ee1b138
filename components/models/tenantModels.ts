import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TenantConfig } from "../../tenants/schema.ts";
import type { AwsContext } from "../common/awsContext.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";
import { tenantTags } from "../common/siloTags.ts";
import { bedrockModelSource } from "./bedrockModels.ts";
import { inferenceProfileDescription } from "./inferenceProfileDescription.ts";

/** Arguments of {@link TenantModels}. */
export interface TenantModelsArgs {
  readonly tenant: TenantConfig;
  readonly aws: AwsContext;
}

/**
 * One Bedrock application inference profile per allowlisted Bedrock model, tagged with the tenant, so every
 * model call is attributable to the tenant in Cost Explorer and can be allowed by ARN in the tenant's chat
 * role. The chat Lambda calls Converse with the profile ARN (`SILO_MODEL_PROFILE_ARNS`), never the bare model.
 */
export class TenantModels extends pulumi.ComponentResource {
  /** Profile ARN per Bedrock model key. */
  readonly profileArns: pulumi.Output<Record<string, string>>;
  /** The foundation models behind the profiles, which a call through a profile is also authorized against. */
  readonly foundationModelArns: readonly string[];

  constructor(name: string, args: TenantModelsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantModels", name, {}, opts);

    const names = tenantResourceNames(args.tenant.id, args.aws.environmentQualifier);
    const bedrockModels = args.tenant.models.allowlist.filter((model) => model.provider === "bedrock");
    const profiles = bedrockModels.map((model) => {
      const source = bedrockModelSource(model, args.aws);
      const profile = new aws.bedrock.InferenceProfile(
        `${name}-${model.key}`,
        {
          name: names.inferenceProfileName(model.key),
          description: inferenceProfileDescription(args.tenant.id, model),
          modelSource: { copyFrom: source.copyFrom },
          // Also set here, not only as provider default tags: cost allocation reads the profile's own tags.
          tags: { ...tenantTags(args.tenant) },
        },
        { parent: this },
      );
      return { key: model.key, profile, source };
    });

    this.profileArns = pulumi
      .all(profiles.map(({ key, profile }) => profile.arn.apply((arn) => [key, arn] as const)))
      .apply((entries) => Object.fromEntries(entries));
    this.foundationModelArns = [...new Set(profiles.flatMap(({ source }) => source.foundationModelArns))];
    this.registerOutputs({ profileArns: this.profileArns });
  }
}
