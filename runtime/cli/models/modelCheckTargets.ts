import type { TenantConfig } from "../../../tenants/schema.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { placeBedrockModel, splitModelId } from "../../core/models/catalogue/placeBedrockModel.ts";

/** One foundation model in one Region, as `silo models check` asks Bedrock about it. */
export interface ModelCheckTarget {
  /** The foundation model id (a profile's geography prefix removed), as GetFoundationModelAvailability takes it. */
  readonly foundationModelId: string;
  readonly region: string;
  /** True for the Region the tenants' stacks call Bedrock from; false for a Region a profile routes calls to. */
  readonly calling: boolean;
  /** True when some tenant invokes the foundation model by its own id (on demand) in this Region. */
  readonly onDemand: boolean;
  /** What the tenants call it for (`models.allowlist[].type`), which decides how an administrator invokes it. */
  readonly type: "chat" | "embedding";
  /** The tenants whose allowlist reaches the model in this Region, sorted. */
  readonly tenants: readonly string[];
  /** The model ids as the tenant files write them (`us.anthropic...`, `amazon.nova-lite-v1:0`), sorted. */
  readonly modelIds: readonly string[];
}

/** A tenant's Bedrock model id that the model catalogue says AWS would refuse in the Region. */
export interface PlacementProblem {
  readonly tenantId: string;
  readonly modelId: string;
  /** The catalogue's message: what is wrong and the model ids to use instead. */
  readonly message: string;
}

/** What `silo models check` asks Bedrock, and what the catalogue already refuses. */
export interface ModelCheckPlan {
  /** Sorted by model, the calling Region first, then the routed Regions by name. */
  readonly targets: readonly ModelCheckTarget[];
  readonly placementProblems: readonly PlacementProblem[];
}

/**
 * Every foundation model behind every tenant's Bedrock allowlist, in every Region it is used from, as the
 * model catalogue places it (runtime/core/models/catalogue/placeBedrockModel.ts): a model named by its own
 * id in the calling Region; a cross-Region profile's foundation model in the calling Region and in every
 * destination Region the catalogue knows for it; a model the catalogue does not know in the calling Region
 * only. A model id the catalogue refuses in the Region (a bare id without on-demand throughput there) is a
 * placement problem, and its foundation model is still checked in the calling Region.
 *
 * @example
 * modelCheckTargets(tenants, "us-east-1").targets[0];
 * // { foundationModelId: "amazon.nova-lite-v1:0", region: "us-east-1", calling: true, onDemand: true, ... }
 */
export function modelCheckTargets(tenants: readonly TenantConfig[], region: string): ModelCheckPlan {
  const byKey = new Map<
    string,
    {
      foundationModelId: string;
      region: string;
      onDemand: boolean;
      type: "chat" | "embedding";
      tenants: Set<string>;
      modelIds: Set<string>;
    }
  >();
  const add = (
    foundationModelId: string,
    where: string,
    onDemand: boolean,
    tenantId: string,
    model: { readonly modelId: string; readonly type: "chat" | "embedding" },
  ) => {
    const key = `${foundationModelId}\u0000${where}`;
    const entry = byKey.get(key) ?? {
      foundationModelId,
      region: where,
      onDemand: false,
      type: model.type,
      tenants: new Set<string>(),
      modelIds: new Set<string>(),
    };
    entry.onDemand ||= onDemand;
    entry.tenants.add(tenantId);
    entry.modelIds.add(model.modelId);
    byKey.set(key, entry);
  };
  const placementProblems: PlacementProblem[] = [];
  for (const tenant of tenants) {
    for (const model of tenant.models.allowlist) {
      if (model.provider !== "bedrock") continue;
      const { modelId } = model;
      try {
        const placement = placeBedrockModel(modelId, region);
        if (placement.kind === "cross-region-profile") {
          add(placement.foundationModelId, region, false, tenant.id, model);
          for (const destination of placement.destinationRegions) {
            add(placement.foundationModelId, destination, false, tenant.id, model);
          }
        } else {
          const byProfile = placement.kind === "uncatalogued" && placement.profileId !== undefined;
          add(placement.foundationModelId, region, !byProfile, tenant.id, model);
        }
      } catch (error) {
        if (!(error instanceof SiloError) || error.code !== "BEDROCK_MODEL_PLACEMENT") throw error;
        placementProblems.push({ tenantId: tenant.id, modelId, message: error.message });
        const { foundationModelId, geography } = splitModelId(modelId);
        add(foundationModelId, region, geography === undefined, tenant.id, model);
      }
    }
  }
  const targets = [...byKey.values()]
    .map((entry) => ({
      foundationModelId: entry.foundationModelId,
      region: entry.region,
      calling: entry.region === region,
      onDemand: entry.onDemand,
      type: entry.type,
      tenants: [...entry.tenants].sort(),
      modelIds: [...entry.modelIds].sort(),
    }))
    .sort(
      (a, b) =>
        a.foundationModelId.localeCompare(b.foundationModelId) ||
        Number(b.calling) - Number(a.calling) ||
        a.region.localeCompare(b.region),
    );
  return { targets, placementProblems };
}
