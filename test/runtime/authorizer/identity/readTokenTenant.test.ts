import { describe, expect, it } from "vitest";
import { AuthorizationDenied } from "../../../../runtime/authorizer/denyReason.ts";
import { createTenantReader } from "../../../../runtime/authorizer/identity/readTokenTenant.ts";

function reasonOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof AuthorizationDenied) return error.reason;
    throw error;
  }
  return "allowed";
}

describe("createTenantReader", () => {
  it("claim: reads a well-formed tenant id from the first present path", () => {
    const read = createTenantReader({
      tenantSource: "claim",
      tenantClaims: ["o.slg", "org_slug"],
      tenantPrefix: "",
    });

    expect(read({ o: { slg: "acme-health" } })).toEqual({ tenantId: "acme-health" });
    expect(read({ org_slug: "globex" })).toEqual({ tenantId: "globex" });
    expect(reasonOf(() => read({}))).toBe("tenant_claim_missing");
    expect(reasonOf(() => read({ org_slug: "Acme Health" }))).toBe("tenant_claim_invalid");
    expect(reasonOf(() => read({ org_slug: ["acme"] }))).toBe("tenant_claim_invalid");
  });

  it("prefixed-entry: takes the one tenant named by a prefixed entry of an array claim", () => {
    const read = createTenantReader({
      tenantSource: "prefixed-entry",
      tenantClaims: ["roles"],
      tenantPrefix: "silo-tenant:",
    });

    expect(read({ roles: ["chat:write", "silo-tenant:acme-health", "silo-tenant:acme-health"] })).toEqual({
      tenantId: "acme-health",
    });
    expect(reasonOf(() => read({ roles: ["chat:write"] }))).toBe("tenant_claim_missing");
    expect(reasonOf(() => read({}))).toBe("tenant_claim_missing");
    expect(reasonOf(() => read({ roles: ["silo-tenant:acme-health", "silo-tenant:globex"] }))).toBe(
      "tenant_claim_invalid",
    );
    expect(reasonOf(() => read({ roles: ["silo-tenant:../globex"] }))).toBe("tenant_claim_invalid");
  });

  it("organization: returns the IdP's organisation id for the authorizer to compare with the API's", () => {
    const read = createTenantReader({
      tenantSource: "organization",
      tenantClaims: ["org_id"],
      tenantPrefix: "",
    });

    expect(read({ org_id: "org_2bZpQ9x" })).toEqual({ organizationId: "org_2bZpQ9x" });
    expect(reasonOf(() => read({}))).toBe("tenant_claim_missing");
    expect(reasonOf(() => read({ org_id: "" }))).toBe("tenant_claim_invalid");
    expect(reasonOf(() => read({ org_id: "org with space" }))).toBe("tenant_claim_invalid");
  });
});
