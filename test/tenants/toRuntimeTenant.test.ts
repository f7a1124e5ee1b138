import { describe, expect, it } from "vitest";
import { runtimeTenantSchema, tenantConfigSchema } from "../../tenants/schema.ts";
import { toRuntimeTenant } from "../../tenants/toRuntimeTenant.ts";

const tenant = tenantConfigSchema.parse({
  id: "acme",
  displayName: "Acme",
  tier: "regulated",
  contacts: [
    { name: "Ada Owner", email: "ada@acme.example", role: "owner" },
    { name: "Sec Team", email: "security@acme.example", role: "security" },
  ],
  models: {
    allowlist: [{ key: "echo", provider: "echo", modelId: "echo-1" }],
    defaultModel: "echo",
  },
});

describe("toRuntimeTenant", () => {
  it("keeps every field but the contacts", () => {
    // Act
    const runtime = toRuntimeTenant(tenant);

    // Assess
    const { contacts: _contacts, ...rest } = tenant;
    expect(runtime).toEqual(rest);
    expect(JSON.stringify(runtime)).not.toMatch(/Ada Owner|Sec Team|@acme\.example/);
  });

  it("gives what the runtime's schema accepts unchanged, with no placeholder contacts", () => {
    // Act
    const parsed = runtimeTenantSchema.safeParse(JSON.parse(JSON.stringify(toRuntimeTenant(tenant))));

    // Assess
    expect(parsed.success && parsed.data).toEqual(toRuntimeTenant(tenant));
  });

  it("is refused by the runtime's schema when contacts are passed in after all", () => {
    expect(runtimeTenantSchema.safeParse(tenant).success).toBe(false);
  });
});
