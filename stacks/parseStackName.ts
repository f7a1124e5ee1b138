import { checkEnvironmentQualifier } from "../components/common/environmentQualifier.ts";
import { sharedTenantTagValue } from "../components/common/siloTags.ts";
import { SiloError } from "../runtime/core/errors/siloError.ts";
import { isTenantId, tenantIdRule } from "../tenants/tenantId.ts";

/**
 * What a stack of the project is: the shared edge, or one tenant's silo; `environmentQualifier` is the qualifier of
 * a qualified stack (`staging.shared`), absent for an unqualified one.
 */
export type ParsedStackName =
  | { readonly kind: "shared"; readonly environmentQualifier?: string }
  | { readonly kind: "tenant"; readonly tenantId: string; readonly environmentQualifier?: string };

/**
 * Reads a stack name: `shared`, or `tenant-<id>` for the tenant in `tenants/<id>.yaml`, optionally qualified
 * with an environment in front (`staging.shared`, `staging.tenant-<id>`), so a second fleet can live beside
 * the first in one Pulumi project and one AWS account (docs/deploy.md). Anything else is an error that says
 * how to name the stack. The policy pack reads stack names through this one function
 * (policies/rules/stackOwner.ts).
 *
 * @example
 * parseStackName("tenant-acme-health"); // { kind: "tenant", tenantId: "acme-health" }
 * parseStackName("staging.tenant-acme"); // { kind: "tenant", tenantId: "acme", environmentQualifier: "staging" }
 */
export function parseStackName(stackName: string): ParsedStackName {
  const dot = stackName.indexOf(".");
  if (dot < 0) return parseUnqualified(stackName, stackName);
  const environmentQualifier = stackName.slice(0, dot);
  try {
    checkEnvironmentQualifier(environmentQualifier);
  } catch (error) {
    throw new SiloError(
      "STACK_NAME_INVALID",
      `stack "${stackName}": ${(error as Error).message}; name a qualified stack <environment>.shared or <environment>.tenant-<id>`,
      { cause: error },
    );
  }
  return { ...parseUnqualified(stackName.slice(dot + 1), stackName), environmentQualifier };
}

function parseUnqualified(name: string, stackName: string): ParsedStackName {
  if (name === "shared") return { kind: "shared" };
  if (name.startsWith("tenant-")) {
    const tenantId = name.slice("tenant-".length);
    if (tenantId === sharedTenantTagValue) {
      throw new SiloError(
        "STACK_NAME_INVALID",
        `stack "${stackName}": "${sharedTenantTagValue}" is reserved for the shared stack's resources; give the tenant another id`,
      );
    }
    if (isTenantId(tenantId)) return { kind: "tenant", tenantId };
    throw new SiloError(
      "STACK_NAME_INVALID",
      `stack "${stackName}": "${tenantId}" is not a tenant id (${tenantIdRule}); name the stack tenant-<id> after tenants/<id>.yaml`,
    );
  }
  throw new SiloError(
    "STACK_NAME_INVALID",
    `stack "${stackName}" is neither "shared" nor "tenant-<id>" (optionally qualified: "<environment>.shared", "<environment>.tenant-<id>"); create one with: pulumi stack init shared, or pulumi stack init tenant-<id> for tenants/<id>.yaml`,
  );
}

/**
 * The name of a stack of the given kind, qualified or not: the inverse of {@link parseStackName}.
 *
 * @example
 * stackNameOf({ kind: "tenant", tenantId: "acme", environmentQualifier: "staging" }); // "staging.tenant-acme"
 */
export function stackNameOf(stack: ParsedStackName): string {
  const name = stack.kind === "shared" ? "shared" : `tenant-${stack.tenantId}`;
  return stack.environmentQualifier === undefined
    ? name
    : `${checkEnvironmentQualifier(stack.environmentQualifier)}.${name}`;
}
