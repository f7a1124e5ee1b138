import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { placeBedrockModel } from "../../../runtime/core/models/catalogue/placeBedrockModel.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { siloTenantTag } from "../siloTenantTag.ts";
import { policyStatements } from "./policyStatements.ts";

function invokes(action: string): boolean {
  const lower = action.toLowerCase();
  return lower === "*" || lower === "bedrock:*" || lower.startsWith("bedrock:invoke");
}

/**
 * What a call through a profile is authorized against besides the profile: the foundation model it copies,
 * or for a cross-Region system profile (`<geo>.<model>`) that profile and its model in every Region the
 * model catalogue says it routes to (any Region for a model the catalogue does not know), as
 * components/models/bedrockModels.ts grants them.
 */
function resourcesBehind(profile: PolicyResource): string[] {
  const copyFrom = (profile.props.modelSource as { copyFrom?: unknown } | undefined)?.copyFrom;
  if (typeof copyFrom !== "string") return [];
  const systemProfile = /^arn:([a-z-]+):bedrock:([^:]*):\d*:inference-profile\/(.+)$/.exec(copyFrom);
  if (systemProfile === null) return [copyFrom];
  const [, partition, region = "", profileId = ""] = systemProfile;
  const model = (modelRegion: string, id: string) =>
    `arn:${partition}:bedrock:${modelRegion}::foundation-model/${id}`;
  try {
    const placement = placeBedrockModel(profileId, region);
    if (placement.kind === "cross-region-profile") {
      return [
        copyFrom,
        ...placement.destinationRegions.map((destination) => model(destination, placement.foundationModelId)),
      ];
    }
    return [copyFrom, model("*", placement.foundationModelId)];
  } catch {
    // A profile the catalogue refuses in this Region: nothing behind it is allowed.
    return [copyFrom];
  }
}

/**
 * Model calls are attributable and bounded per tenant: a role may invoke Bedrock only through its tenant's
 * own application inference profiles (tagged with the tenant, created in the same stack) and the foundation
 * models behind them; never `*`, a model outside the tenant's allowlist, or another tenant's profile.
 *
 * Severity: high. Controls: NIST 800-53 AC-3, AC-6, AU-10 (no FSBP control).
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
 */
export const policyBedrockOwnProfiles: SiloStackPolicy = {
  kind: "stack",
  name: "silo-iam-policy-bedrock-own-profiles",
  description:
    "IAM policies may allow `bedrock:Invoke*` only on the tenant's own inference profiles of the stack and the models behind them.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["nist:AC-3", "nist:AC-6", "nist:AU-10"],
  url: "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html",
  validateStack: (args, reportViolation) => {
    const policies = args.resources.filter(
      (resource) => resource.isType(aws.iam.RolePolicy) || resource.isType(aws.iam.Policy),
    );
    const profiles = args.resources.filter((resource) => resource.isType(aws.bedrock.InferenceProfile));
    let grants = 0;
    for (const policy of policies) {
      const tenant = siloTenantTag(policy);
      const own = profiles.filter((profile) => siloTenantTag(profile) === tenant);
      const allowed = new Set(
        own
          .flatMap((profile) => [profile.props.arn, ...resourcesBehind(profile)])
          .filter((arn) => arn !== undefined),
      );
      for (const statement of policyStatements(policy.props.policy)) {
        const actions = statement.actions.filter(invokes);
        if (statement.effect !== "Allow" || actions.length === 0) continue;
        grants += 1;
        for (const resource of statement.resources) {
          if (allowed.has(resource)) continue;
          reportViolation(
            `${policy.name} allows ${actions.join(", ")} on ${JSON.stringify(resource)}, which is neither an inference profile of tenant ${String(tenant)} in this stack nor the model behind one; allow only the tenant's own profiles (components/models/tenantModels.ts).`,
            policy.urn,
          );
        }
      }
    }
    if (grants === 0) args.notApplicable("no policy of the stack allows bedrock:Invoke*");
  },
};
