import { sharedTenantTagValue } from "../components/common/siloTags.ts";
import { SiloError } from "../runtime/core/errors/siloError.ts";
import { isTenantId, tenantIdRule } from "../tenants/tenantId.ts";

/** What a stack of the project is: the shared edge, or one tenant's silo. */
export type ParsedStackName =
  | { readonly kind: "shared" }
  | { readonly kind: "tenant"; readonly tenantId: string };

/**
 * Reads a stack name: `shared`, or `tenant-<id>` for the tenant in `tenants/<id>.yaml`. Anything else is an
 * error that says how to name the stack.
 *
 * @example
 * parseStackName("tenant-acme-health"); // { kind: "tenant", tenantId: "acme-health" }
 */
export function parseStackName(stackName: string): ParsedStackName {
  if (stackName === "shared") return { kind: "shared" };
  if (stackName.startsWith("tenant-")) {
    const tenantId = stackName.slice("tenant-".length);
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
    `stack "${stackName}" is neither "shared" nor "tenant-<id>"; create one with: pulumi stack init shared, or pulumi stack init tenant-<id> for tenants/<id>.yaml`,
  );
}
