import type { PolicyResource } from "@pulumi/policy";
import { referencedResources } from "../referencedResources.ts";

/**
 * Whether `resource`'s `property` points at `stage`: computed from it (its name or ARN is unknown during a
 * preview), or equal to the value the stage has for `stageProperty` once known.
 *
 * @example
 * pointsAtStage(methodSettings, "stageName", stage, "stageName");
 */
export function pointsAtStage(
  resource: PolicyResource,
  property: string,
  stage: PolicyResource,
  stageProperty: string,
): boolean {
  if (referencedResources(resource, property).includes(stage)) return true;
  const value = resource.props[property];
  return typeof value === "string" && value !== "" && value === stage.props[stageProperty];
}

/** A stage's name for messages: its `stageName`, else its logical name. */
export function stageLabel(stage: PolicyResource): string {
  const stageName = stage.props.stageName;
  return typeof stageName === "string" ? `${stage.name} (stage ${stageName})` : stage.name;
}
