import type { PolicyResource } from "@pulumi/policy";

/**
 * The resources a stack resource's property was computed from: its `propertyDependencies` for that
 * property when the engine sent them, else all its `dependencies` (a superset). Outputs such as ids are
 * unknown during a preview, so stack rules join resources this way rather than by value.
 *
 * @example
 * referencedResources(instance, "parameterGroupName").filter((r) => r.isType(aws.rds.ParameterGroup));
 */
export function referencedResources(resource: PolicyResource, property: string): PolicyResource[] {
  const hasPropertyDependencies = Object.keys(resource.propertyDependencies).length > 0;
  return hasPropertyDependencies ? (resource.propertyDependencies[property] ?? []) : resource.dependencies;
}
