import { describe, expect, it } from "vitest";
import { runtimeTenantConfig } from "../../../components/decisions/runtimeTenantConfig.ts";
import { tenantConfigSchema } from "../../../tenants/schema.ts";
import { testTenant } from "./support.ts";

const contacts = [
  { name: "Ada Owner", email: "ada@acme.example", role: "owner" as const },
  { name: "Sec Team", email: "security@acme.example", role: "security" as const },
  { name: "Bill Ing", email: "billing@acme.example", role: "billing" as const },
];

describe("runtimeTenantConfig", () => {
  it("replaces the contacts with placeholders and keeps every other field", () => {
    // Prepare
    const tenant = testTenant({ contacts });

    // Act
    const config = runtimeTenantConfig(tenant);

    // Assess
    expect(config).toEqual({
      ...tenant,
      contacts: [{ name: "withheld", email: "owner@contacts.invalid", role: "owner" }],
    });
  });

  it("keeps a regulated tenant valid under the tenant schema, which wants a security contact", () => {
    // Prepare
    const tenant = testTenant({ tier: "regulated", contacts, database: { deletionProtection: true } });

    // Act
    const parsed = tenantConfigSchema.safeParse(runtimeTenantConfig(tenant));

    // Assess
    expect(parsed.success && parsed.data.contacts.map((contact) => contact.role)).toEqual([
      "owner",
      "security",
    ]);
    expect(JSON.stringify(parsed.data)).not.toMatch(/Ada Owner|Sec Team|Bill Ing|@acme\.example/);
  });
});
