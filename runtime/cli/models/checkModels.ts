import { mapConcurrently } from "../../core/models/bedrock/mapConcurrently.ts";
import { judgeModelAvailability, type ModelCheckJudgement } from "./judgeModelAvailability.ts";
import type { ModelAvailability } from "./modelAvailability.ts";
import type { ModelCheckPlan, ModelCheckTarget, PlacementProblem } from "./modelCheckTargets.ts";

/** One model in one Region: what Bedrock said and the verdict. */
export interface ModelCheckResult extends ModelCheckJudgement {
  readonly target: ModelCheckTarget;
  readonly availability: ModelAvailability;
}

/** What `silo models check` found. */
export interface ModelsCheckReport {
  /** The Region the tenants' stacks call Bedrock from. */
  readonly region: string;
  /** Where that Region came from (`--region`, a stack file, an environment variable), for the reader. */
  readonly regionSource: string;
  readonly results: readonly ModelCheckResult[];
  readonly placementProblems: readonly PlacementProblem[];
  /** True when no result is not-ready and no model id is refused by the catalogue (warnings allowed). */
  readonly ready: boolean;
}

/** GetFoundationModelAvailability calls in flight at once (a handful of Regions; the API is throttled). */
const concurrentCalls = 4;

/**
 * Asks `availabilityOf` about every target of `plan` (a few at a time) and judges each answer.
 *
 * @example
 * const report = await checkModels(plan, { region: "us-east-1", regionSource: "--region" }, (id, region) =>
 *   fetchModelAvailability(clientFor(region), id, region));
 */
export async function checkModels(
  plan: ModelCheckPlan,
  where: { readonly region: string; readonly regionSource: string },
  availabilityOf: (foundationModelId: string, region: string) => Promise<ModelAvailability>,
): Promise<ModelsCheckReport> {
  const results = await mapConcurrently(plan.targets, concurrentCalls, async (target) => {
    const availability = await availabilityOf(target.foundationModelId, target.region);
    return { target, availability, ...judgeModelAvailability(target, availability, where.region) };
  });
  const ready =
    plan.placementProblems.length === 0 && results.every((result) => result.verdict !== "not-ready");
  return { ...where, results, placementProblems: plan.placementProblems, ready };
}
