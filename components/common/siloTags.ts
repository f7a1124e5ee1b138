import type { TenantConfig } from "../../tenants/schema.ts";

/** The value of `silo:kit` on every resource the kit creates (also a stack tag in Pulumi.yaml). */
export const kitTagValue = "silo-kit";

/**
 * The `silo:tenant` value of shared-stack resources. The tenant stacks refuse a tenant with this id, so cost
 * and access reports never mix the shared edge with a tenant.
 */
export const sharedTenantTagValue = "shared";

/** Tags every resource carries; the stacks apply them as the AWS provider's default tags. */
export type SiloTags = Readonly<Record<"silo:tenant" | "silo:kit" | "silo:data-classification", string>> &
  Readonly<Record<string, string>>;

/**
 * The tags of every resource in a tenant's silo: who it belongs to (cost allocation, access reviews) and
 * how sensitive its data is.
 *
 * @example
 * tenantTags(tenant)["silo:tenant"]; // "acme-health"
 */
export function tenantTags(tenant: Pick<TenantConfig, "id" | "tier" | "dataClassification">): SiloTags {
  return {
    "silo:tenant": tenant.id,
    "silo:kit": kitTagValue,
    "silo:data-classification": tenant.dataClassification,
    "silo:tier": tenant.tier,
  };
}

/**
 * The tags of the shared edge. The usage ledger holds every tenant's billing data, so the shared stack is
 * classified confidential.
 */
export function sharedTags(): SiloTags {
  return {
    "silo:tenant": sharedTenantTagValue,
    "silo:kit": kitTagValue,
    "silo:data-classification": "confidential",
  };
}
