import type { PolicyResource } from "@pulumi/policy";
import { referencedResources } from "./referencedResources.ts";

/**
 * Whether `resource`'s `property` points at `target`: computed from it (a name, id or ARN is unknown during
 * a preview), or equal to the value `target` has for `targetProperty` once known.
 *
 * @example
 * pointsAt(methodSettings, "stageName", stage, "stageName");
 * pointsAt(publicAccessBlock, "bucket", bucket, "bucket");
 */
export function pointsAt(
  resource: PolicyResource,
  property: string,
  target: PolicyResource,
  targetProperty: string,
): boolean {
  if (referencedResources(resource, property).includes(target)) return true;
  const value = resource.props[property];
  return typeof value === "string" && value !== "" && value === target.props[targetProperty];
}
