import type { RuntimeTenant } from "../../../tenants/schema.ts";

/** The stage variables of a tenant's API, which the shared edge authorizer binds tokens to. */
export interface TenantStageVariables {
  readonly tenantId: string;
  /** The identity provider's organisation of this tenant (`identity.organizationId`), when mapped. */
  readonly organizationId?: string;
}

/**
 * What a tenant's API carries for the authorizer: its tenant id and, when the tenant file maps one, the
 * IdP's organisation id. So a token naming an organisation is checked against the API it was sent to,
 * with no lookup per request. The deployed stage and the local gateway both take them from here.
 *
 * @example
 * tenantStageVariables({ id: "acme", identity: { organizationId: "org_2bZ" } });
 * // { tenantId: "acme", organizationId: "org_2bZ" }
 */
export function tenantStageVariables(tenant: Pick<RuntimeTenant, "id" | "identity">): TenantStageVariables {
  const organizationId = tenant.identity.organizationId;
  return organizationId === undefined ? { tenantId: tenant.id } : { tenantId: tenant.id, organizationId };
}
