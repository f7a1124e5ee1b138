import { tenantIdPattern } from "../../../tenants/tenantId.ts";
import { AuthorizationDenied } from "../denyReason.ts";
import { compileFirstClaim } from "./claimPath.ts";
import type { TenantSource } from "./identityProfiles.ts";

/** Whose token it is: a silo tenant id, or the IdP's organisation id that a tenant file maps to a tenant. */
export type TokenTenant =
  | { readonly tenantId: string; readonly organizationId?: undefined }
  | { readonly organizationId: string; readonly tenantId?: undefined };

/** The settings {@link createTenantReader} needs. */
export interface TenantReaderSettings {
  readonly tenantSource: TenantSource;
  readonly tenantClaims: readonly string[];
  readonly tenantPrefix: string;
}

/** Organisation ids are the IdP's (`org_2bZ…`, directory GUIDs): printable, bounded, nothing more assumed. */
const organizationIdPattern = /^[\x21-\x7e]{1,256}$/;
const maxEntries = 256;

/**
 * Builds the reader of a verified payload's tenant, for one of three sources:
 * - `claim`: the first present claim path holds the tenant id (`tenant_id`, `o.slg`, a namespaced claim);
 * - `prefixed-entry`: an array claim holds exactly one entry `<prefix><tenant id>` (Entra app roles:
 *   `roles: ["silo-tenant:acme", "chat:write"]`); two different tenants in one token are refused;
 * - `organization`: the claim holds the IdP's organisation id; the authorizer compares it with the API's
 *   `organizationId` (from the tenant file's `identity.organizationId`), so no lookup is made per request.
 * Throws {@link AuthorizationDenied} (`tenant_claim_missing`, `tenant_claim_invalid`).
 *
 * @example
 * const read = createTenantReader({ tenantSource: "prefixed-entry", tenantClaims: ["roles"], tenantPrefix: "silo-tenant:" });
 * read({ roles: ["silo-tenant:acme"] }); // { tenantId: "acme" }
 */
export function createTenantReader(
  settings: TenantReaderSettings,
): (payload: Record<string, unknown>) => TokenTenant {
  const read = compileFirstClaim(settings.tenantClaims);
  const named = settings.tenantClaims.join(" or ");
  const missing = () => new AuthorizationDenied("tenant_claim_missing", `no ${named} claim`);
  switch (settings.tenantSource) {
    case "claim":
      return (payload) => {
        const value = read(payload);
        if (value === undefined) throw missing();
        if (typeof value !== "string" || !tenantIdPattern.test(value)) {
          throw new AuthorizationDenied("tenant_claim_invalid", `${named} is not a well-formed tenant id`);
        }
        return { tenantId: value };
      };
    case "organization":
      return (payload) => {
        const value = read(payload);
        if (value === undefined) throw missing();
        if (typeof value !== "string" || !organizationIdPattern.test(value)) {
          throw new AuthorizationDenied(
            "tenant_claim_invalid",
            `${named} is not a well-formed organisation id`,
          );
        }
        return { organizationId: value };
      };
    case "prefixed-entry": {
      const prefix = settings.tenantPrefix;
      return (payload) => {
        const value = read(payload);
        if (value === undefined) throw missing();
        const entries = typeof value === "string" ? value.split(" ") : Array.isArray(value) ? value : [];
        let tenantId: string | undefined;
        for (const entry of entries.slice(0, maxEntries)) {
          if (typeof entry !== "string" || !entry.startsWith(prefix)) continue;
          const candidate = entry.slice(prefix.length);
          if (!tenantIdPattern.test(candidate)) {
            throw new AuthorizationDenied("tenant_claim_invalid", `${named} has a malformed ${prefix} entry`);
          }
          if (tenantId !== undefined && tenantId !== candidate) {
            throw new AuthorizationDenied("tenant_claim_invalid", `${named} names more than one tenant`);
          }
          tenantId = candidate;
        }
        if (tenantId === undefined) {
          throw new AuthorizationDenied("tenant_claim_missing", `no ${prefix}<tenant> entry in ${named}`);
        }
        return { tenantId };
      };
    }
  }
}
