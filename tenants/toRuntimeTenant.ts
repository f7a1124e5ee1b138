import type { RuntimeTenant, TenantConfig } from "./schema.ts";

/**
 * The tenant as its handlers receive it (`SILO_TENANT_CONFIG`, set by the tenant stack and the local
 * platform): every field of the validated file but the contacts, whose names and e-mail addresses the
 * runtime never reads and anyone with `lambda:GetFunctionConfiguration` could.
 *
 * @example
 * const environment = { SILO_TENANT_CONFIG: JSON.stringify(toRuntimeTenant(tenant)) };
 */
export function toRuntimeTenant(tenant: TenantConfig): RuntimeTenant {
  const { contacts: _contacts, ...runtime } = tenant;
  return runtime;
}
