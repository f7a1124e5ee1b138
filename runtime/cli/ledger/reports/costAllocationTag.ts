/**
 * The tag key each tenant stack puts on the tenant's Bedrock application inference profiles, with the tenant
 * id as its value. The IaC must use exactly this key: it is how the AWS bill attributes Bedrock spend to a
 * tenant, and what `silo ledger reconcile` reads back.
 */
export const tenantTagKey = "silo:tenant";

/**
 * How {@link tenantTagKey} appears in billing data once it is activated as a user-defined cost allocation
 * tag: in the CUR 2.0 `resource_tags` map, and as the legacy CUR column `resourceTags/user:silo:tenant`.
 */
export const tenantCostAllocationTagKey = `user:${tenantTagKey}`;
