import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { placeBedrockModel } from "../../../runtime/core/models/catalogue/placeBedrockModel.ts";
import { actionMatches } from "../../analysis/matchAction.ts";
import type { NormalisedStatement } from "../../analysis/normaliseStatements.ts";
import { policyDocuments } from "../../analysis/policyDocuments.ts";
import { addGrant } from "../addGrant.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { resourceTenant } from "../stackOwner.ts";
import { documentOrigin } from "./documentOrigin.ts";

/** The Bedrock calls that run a model. */
const invokeActions = [
  "bedrock:InvokeModel",
  "bedrock:InvokeModelWithResponseStream",
  "bedrock:Converse",
  "bedrock:ConverseStream",
];

/** The statement's grants of model invocation, as written (`*`, `Bedrock:Invoke*`, or its NotAction). */
function invokes(statement: NormalisedStatement): string[] {
  if (statement.effect !== "Allow") return [];
  if (statement.notActions.length > 0) {
    const leaves = invokeActions.some(
      (use) => !statement.notActions.some((action) => actionMatches(action, use)),
    );
    return leaves
      ? [
          `every action but ${statement.notActions.map((action) => JSON.stringify(action)).join(", ")} (NotAction)`,
        ]
      : [];
  }
  return statement.actions.filter((action) => invokeActions.some((use) => actionMatches(action, use)));
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
  mutations: [
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      change: "Bedrock:InvokeModel on every model",
      mutate: (inputs) => addGrant(inputs, { Effect: "Allow", Action: "Bedrock:InvokeModel", Resource: "*" }),
    },
  ],
  validateStack: (args, reportViolation) => {
    const profiles = args.resources.filter((resource) => resource.isType(aws.bedrock.InferenceProfile));
    let grants = 0;
    for (const policy of args.resources) {
      const documents = policyDocuments(policy).filter(
        (document) => document.kind === "identity" || document.kind === "managed",
      );
      if (documents.length === 0) continue;
      const tenant = resourceTenant(policy);
      const own = profiles.filter((profile) => resourceTenant(profile) === tenant);
      const allowed = new Set(
        own
          .flatMap((profile) => [profile.props.arn, ...resourcesBehind(profile)])
          .filter((arn) => arn !== undefined),
      );
      for (const document of documents) {
        for (const statement of document.statements ?? []) {
          const actions = invokes(statement);
          if (actions.length === 0) continue;
          grants += 1;
          const resources = [
            ...statement.resources.filter((resource) => !allowed.has(resource)).map((r) => JSON.stringify(r)),
            ...statement.notResources.map((r) => `every resource but ${JSON.stringify(r)} (NotResource)`),
          ];
          for (const resource of resources) {
            reportViolation(
              `${policy.name} allows ${actions.join(", ")} on ${resource}${documentOrigin(document)}, which is neither an inference profile of tenant ${String(tenant)} in this stack nor the model behind one; allow only the tenant's own profiles (components/models/tenantModels.ts).`,
              policy.urn,
            );
          }
        }
      }
    }
    if (grants === 0) args.notApplicable("no policy of the stack allows bedrock:Invoke*");
  },
};
