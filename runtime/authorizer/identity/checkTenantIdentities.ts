import type { RuntimeTenant } from "../../../tenants/schema.ts";
import type { TenantSource } from "./identityProfiles.ts";

/** One tenant whose identity block does not fit the shared stack's identity settings. */
export interface TenantIdentityProblem {
  readonly tenantId: string;
  readonly message: string;
}

/**
 * Checks every tenant's `identity` block against where the shared stack's identity profile takes the
 * tenant from: with `organization`, each tenant must name its IdP organisation (else no token could ever
 * reach it); otherwise an organisation id would be ignored, which is a misunderstanding worth stopping.
 *
 * @example
 * checkTenantIdentities([{ id: "acme", identity: {} }], { profile: "clerk", tenantSource: "organization" });
 * // [{ tenantId: "acme", message: "identity.organizationId is required: ..." }]
 */
export function checkTenantIdentities(
  tenants: ReadonlyArray<Pick<RuntimeTenant, "id" | "identity">>,
  settings: { readonly profile: string; readonly tenantSource: TenantSource },
): TenantIdentityProblem[] {
  const problems: TenantIdentityProblem[] = [];
  for (const tenant of tenants) {
    const organizationId = tenant.identity.organizationId;
    if (settings.tenantSource === "organization" && organizationId === undefined) {
      problems.push({
        tenantId: tenant.id,
        message: `identity.organizationId is required: the shared stack's identity profile ${settings.profile} takes the tenant from the identity provider's organisation; set it to this tenant's organisation id (docs/identity.md)`,
      });
    }
    if (settings.tenantSource !== "organization" && organizationId !== undefined) {
      problems.push({
        tenantId: tenant.id,
        message: `identity.organizationId "${organizationId}" is unused: the shared stack's identity profile ${settings.profile} takes the tenant from a token claim (tenant source ${settings.tenantSource}); remove it, or set silo:tenantSource organization`,
      });
    }
  }
  return problems;
}
