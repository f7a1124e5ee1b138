import { describe, expect, it } from "vitest";
import { tenantStageVariables } from "../../../../runtime/core/tenants/tenantStageVariables.ts";

describe("tenantStageVariables", () => {
  it("carries the tenant id, and the IdP organisation when the tenant file maps one", () => {
    expect(tenantStageVariables({ id: "globex", identity: {} })).toEqual({ tenantId: "globex" });
    expect(tenantStageVariables({ id: "acme-health", identity: { organizationId: "org_2bLQz3" } })).toEqual({
      tenantId: "acme-health",
      organizationId: "org_2bLQz3",
    });
  });
});
