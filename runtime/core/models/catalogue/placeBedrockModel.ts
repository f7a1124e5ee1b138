import { SiloError } from "../../errors/siloError.ts";
import {
  type BedrockCatalogueEntry,
  type BedrockGeography,
  bedrockModelCatalogue,
} from "./bedrockModelCatalogue.ts";

/** How a tenant's model id is served in a Region, as its application inference profile must copy it. */
export type BedrockPlacement =
  | {
      /** By the foundation model in this Region. */
      readonly kind: "on-demand";
      readonly foundationModelId: string;
    }
  | {
      /** Through a system-defined cross-Region inference profile (`us.anthropic...`). */
      readonly kind: "cross-region-profile";
      readonly profileId: string;
      readonly foundationModelId: string;
      /** Regions a call may be routed to: IAM must allow the foundation model in each. */
      readonly destinationRegions: readonly string[];
    }
  | {
      /** Not in the catalogue: taken as the id says (a bare id on demand, a geo prefix as a profile). */
      readonly kind: "uncatalogued";
      readonly foundationModelId: string;
      readonly profileId?: string;
    };

const geographyPrefix = /^(us-gov|us|eu|apac|jp|au|ca|global)\./;

/** The catalogue entry of a foundation model id, if the kit knows it. */
export function catalogueEntry(
  foundationModelId: string,
  catalogue: readonly BedrockCatalogueEntry[] = bedrockModelCatalogue,
): BedrockCatalogueEntry | undefined {
  return catalogue.find((entry) => entry.modelId === foundationModelId);
}

/** A model id split into its geography prefix (if any) and its foundation model id. */
export function splitModelId(modelId: string): { geography?: BedrockGeography; foundationModelId: string } {
  const prefix = geographyPrefix.exec(modelId)?.[1] as BedrockGeography | undefined;
  return prefix === undefined
    ? { foundationModelId: modelId }
    : { geography: prefix, foundationModelId: modelId.slice(prefix.length + 1) };
}

/**
 * Where a tenant's Bedrock model id is served from `region`, from the model catalogue: on demand by the
 * foundation model, or through a system-defined cross-Region profile and every Region it may route to. A
 * model the catalogue says has no on-demand throughput in `region` (Claude Sonnet 4 anywhere, Claude 3.5
 * Haiku outside us-west-2), named by its bare id, is refused here with the profile ids to use instead: AWS
 * would refuse it at `pulumi up` ("does not support On Demand inference"). Throws `BEDROCK_MODEL_PLACEMENT`.
 *
 * @example
 * placeBedrockModel("us.anthropic.claude-sonnet-4-20250514-v1:0", "us-east-1").kind; // "cross-region-profile"
 */
export function placeBedrockModel(
  modelId: string,
  region: string,
  catalogue: readonly BedrockCatalogueEntry[] = bedrockModelCatalogue,
): BedrockPlacement {
  const { geography, foundationModelId } = splitModelId(modelId);
  const entry = catalogueEntry(foundationModelId, catalogue);
  if (entry === undefined) {
    return geography === undefined
      ? { kind: "uncatalogued", foundationModelId }
      : { kind: "uncatalogued", foundationModelId, profileId: modelId };
  }
  if (geography === undefined) {
    if (entry.onDemandRegions.includes(region)) return { kind: "on-demand", foundationModelId };
    throw new SiloError(
      "BEDROCK_MODEL_PLACEMENT",
      `${modelId} has no on-demand throughput in ${region}; ${profileAdvice(entry, region)}`,
    );
  }
  const profile = entry.crossRegionProfiles[geography];
  if (profile === undefined || !profile.sourceRegions.includes(region)) {
    throw new SiloError(
      "BEDROCK_MODEL_PLACEMENT",
      `${modelId} is not a cross-Region inference profile that can be called from ${region}; ${profileAdvice(entry, region)}`,
    );
  }
  return {
    kind: "cross-region-profile",
    profileId: modelId,
    foundationModelId,
    destinationRegions: profile.destinationRegions,
  };
}

/** What to write instead: the profiles callable from `region`, or the Regions with on-demand throughput. */
export function profileAdvice(entry: BedrockCatalogueEntry, region: string): string {
  const usable = Object.entries(entry.crossRegionProfiles)
    .filter(([, profile]) => profile?.sourceRegions.includes(region))
    .map(([geography]) => `${geography}.${entry.modelId}`);
  if (usable.length > 0) return `set modelId to ${usable.join(" or ")} (a cross-Region inference profile)`;
  const onDemand = entry.onDemandRegions.length > 0 ? entry.onDemandRegions.join(", ") : "no Region";
  return `it is offered on demand in ${onDemand} and through no profile callable from ${region}: deploy in another Region or choose another model`;
}

/**
 * Whether a bare model id can never work, whatever the Region: the catalogue knows it and it has no
 * on-demand throughput anywhere (only through profiles). `silo tenants validate` refuses it without knowing
 * the Region. Returns the fix, or undefined.
 *
 * @example
 * profileOnlyAdvice("anthropic.claude-sonnet-4-20250514-v1:0"); // "offered only through ...: use us.anthropic..."
 */
export function profileOnlyAdvice(
  modelId: string,
  catalogue: readonly BedrockCatalogueEntry[] = bedrockModelCatalogue,
): string | undefined {
  const { geography, foundationModelId } = splitModelId(modelId);
  if (geography !== undefined) return undefined;
  const entry = catalogueEntry(foundationModelId, catalogue);
  if (entry === undefined || entry.onDemandRegions.length > 0) return undefined;
  const profiles = Object.keys(entry.crossRegionProfiles).map((geo) => `${geo}.${modelId}`);
  return `is offered only through cross-Region inference profiles (no on-demand throughput): use ${profiles.join(", ") || "a provisioned model"} as modelId`;
}
