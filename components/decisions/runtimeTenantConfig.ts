import type { TenantConfig } from "../../tenants/schema.ts";

/** The mailbox of the placeholder contacts: `.invalid` is reserved (RFC 2606), so nothing is ever sent there. */
const withheldContactDomain = "contacts.invalid";

/**
 * The tenant file as a tenant's Lambdas receive it (`SILO_TENANT_CONFIG`), without what the runtime does not
 * read and anyone with `lambda:GetFunctionConfiguration` could: the contacts' names and e-mail addresses.
 * The runtime still validates the variable with the whole tenant schema (runtime/api/handlers/
 * tenantRuntimeConfig.ts), which requires an owner contact, and a security contact for tier regulated; so
 * placeholders with no personal data stand in for them. Every other field is passed as it is, so the
 * runtime never sees a default in place of the tenant's real setting.
 *
 * @example
 * runtimeTenantConfig(tenant).contacts; // [{ name: "withheld", email: "owner@contacts.invalid", role: "owner" }]
 */
export function runtimeTenantConfig(tenant: TenantConfig): TenantConfig {
  const roles = tenant.tier === "regulated" ? (["owner", "security"] as const) : (["owner"] as const);
  return {
    ...tenant,
    contacts: roles.map((role) => ({ name: "withheld", email: `${role}@${withheldContactDomain}`, role })),
  };
}
