import type { RecordedResource } from "../pulumiRecording.ts";

/**
 * Pure readers of a stack's recorded resources that the quota table (awsQuotas.ts) is built from: counts by
 * type, sums of an input, and the largest shared container (a security group, a route table, a Lambda's
 * resource policy) with what a tenant stack adds to the shared stack's containers.
 */

/** How many resources of the given types the stack registers. */
export function countOf(resources: readonly RecordedResource[], ...types: readonly string[]): number {
  return resources.filter((resource) => types.includes(resource.type)).length;
}

/** The sum of a numeric input (`a.b` nests) over resources of a type; absent values count 0. */
export function sumOf(resources: readonly RecordedResource[], type: string, path: string): number {
  let total = 0;
  for (const resource of resources) {
    if (resource.type !== type) continue;
    const value = path
      .split(".")
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], resource.inputs);
    if (typeof value === "number") total += value;
  }
  return total;
}

/**
 * True when the resource's `property` names a thing of another stack (the shared stack's group, route table,
 * function or VPC, read through a StackReference or config): its value depends on no resource of this
 * stack. What a tenant stack adds there lands in a container it does not own.
 */
export function fromAnotherStack(resource: RecordedResource, property: string): boolean {
  if (resource.inputs[property] === undefined) return false;
  return (resource.propertyDependencies[property] ?? []).every((urn) =>
    urn.includes("::pulumi:pulumi:StackReference::"),
  );
}

/** What one resource weighs in its container: 1 by default, or bytes for a policy statement. */
export type ContainerWeight = (resource: RecordedResource) => number;

/**
 * The fullest container of a stack: resources of `type` grouped by the value of `containerProperty` (the
 * security group, route table, function, VPC or domain they are added to), the largest group's weight. In a
 * tenant stack only containers of another stack count: what the tenant adds to the shared stack's things
 * (its own containers do not grow with the fleet).
 */
export function largestContainer(
  resources: readonly RecordedResource[],
  stack: "shared" | "tenant",
  type: string,
  containerProperty: string,
  weight: ContainerWeight = () => 1,
): number {
  const totals = new Map<string, number>();
  for (const resource of resources) {
    if (resource.type !== type) continue;
    if (stack === "tenant" && !fromAnotherStack(resource, containerProperty)) continue;
    const container = JSON.stringify(resource.inputs[containerProperty] ?? null);
    totals.set(container, (totals.get(container) ?? 0) + weight(resource));
  }
  return Math.max(0, ...totals.values());
}

/**
 * The bytes a `lambda.Permission` adds to its function's resource policy: the statement AWS writes for it
 * (Sid, principal, action, the function's ARN, the source ARN or account condition), as compact JSON.
 */
export function permissionStatementBytes(permission: RecordedResource): number {
  const inputs = permission.inputs as Record<string, unknown>;
  const functionName = String(inputs.function ?? "");
  const condition: Record<string, unknown> = {};
  if (inputs.sourceArn !== undefined) condition.ArnLike = { "AWS:SourceArn": inputs.sourceArn };
  if (inputs.sourceAccount !== undefined)
    condition.StringEquals = { "AWS:SourceAccount": inputs.sourceAccount };
  const statement = {
    Sid: inputs.statementId ?? permission.name,
    Effect: "Allow",
    Principal: { Service: inputs.principal },
    Action: inputs.action,
    Resource: functionName.startsWith("arn:")
      ? functionName
      : `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    ...(Object.keys(condition).length === 0 ? {} : { Condition: condition }),
  };
  return JSON.stringify(statement).length;
}
