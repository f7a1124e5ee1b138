import { describe, expect, it } from "vitest";
import { parseTenantFile } from "../../../../runtime/core/tenants/parseTenantFile.ts";
import { renderTenantTemplate } from "../../../../runtime/core/tenants/renderTenantTemplate.ts";

describe("renderTenantTemplate", () => {
  it.each(["standard", "regulated"] as const)("renders a valid %s tenant", (tier) => {
    // Act
    const result = parseTenantFile("tenants/acme2.yaml", renderTenantTemplate({ id: "acme2", tier }));

    // Assess
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.tier).toBe(tier);
  });

  it("gives a regulated tenant what its tier requires", () => {
    const result = parseTenantFile(
      "tenants/acme2.yaml",
      renderTenantTemplate({ id: "acme2", tier: "regulated" }),
    );

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.contacts.map((contact) => contact.role)).toEqual(["owner", "security"]);
    expect(result.config.database).toMatchObject({
      deletionProtection: true,
      multiAz: true,
      backupRetentionDays: 35,
    });
  });

  it("uses the given display name and owner email, quoted safely", () => {
    const text = renderTenantTemplate({
      id: "acme2",
      tier: "standard",
      displayName: 'Acme "Two": # not a comment',
      ownerEmail: "ops@acme2.example",
    });

    const result = parseTenantFile("tenants/acme2.yaml", text);

    expect(result.ok && result.config.displayName).toBe('Acme "Two": # not a comment');
    expect(result.ok && result.config.contacts[0]?.email).toBe("ops@acme2.example");
  });

  it("documents each section with comments", () => {
    const text = renderTenantTemplate({ id: "acme2", tier: "standard" });

    expect(text).toMatch(/^# Tenant acme2/);
    expect(text).toContain("# must be a key in the allowlist");
    expect(text).toContain("placeholder: replace before onboarding");
  });
});
