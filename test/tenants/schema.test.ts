import { describe, expect, it } from "vitest";
import { parseTenantFile } from "../../runtime/core/tenants/parseTenantFile.ts";
import { renderTenantTemplate } from "../../runtime/core/tenants/renderTenantTemplate.ts";

/** The template tenant with its first Bedrock model id replaced. */
function withModelId(modelId: string): string {
  return renderTenantTemplate({ id: "acme", tier: "standard" }).replace(
    "modelId: amazon.nova-lite-v1:0",
    `modelId: ${modelId}`,
  );
}

describe("tenantConfigSchema: Bedrock model ids", () => {
  it("refuses a model Bedrock serves only through cross-Region profiles, named by its bare id, with the fix", () => {
    // Act
    const result = parseTenantFile(
      "tenants/acme.yaml",
      withModelId("anthropic.claude-sonnet-4-20250514-v1:0"),
    );

    // Assess
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: "models.allowlist[0].modelId" });
    expect(problems[0]?.message).toContain(
      '"anthropic.claude-sonnet-4-20250514-v1:0" is offered only through cross-Region inference profiles (no on-demand throughput): use us.anthropic.claude-sonnet-4-20250514-v1:0',
    );
  });

  it("accepts the same model through its geographic profile, and models with on-demand throughput", () => {
    expect(
      parseTenantFile("tenants/acme.yaml", withModelId("us.anthropic.claude-sonnet-4-20250514-v1:0")).ok,
    ).toBe(true);
    expect(parseTenantFile("tenants/acme.yaml", withModelId("amazon.nova-lite-v1:0")).ok).toBe(true);
  });
});

describe("tenantConfigSchema: waf", () => {
  it("refuses turning WAF off for a regulated tenant, naming the field and the fix", () => {
    // Act
    const result = parseTenantFile(
      "tenants/acme.yaml",
      `${renderTenantTemplate({ id: "acme", tier: "regulated" })}\nwaf:\n  enabled: false\n`,
    );

    // Assess
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      expect.objectContaining({
        field: "waf.enabled",
        message: expect.stringContaining("tier regulated requires a WAF web ACL"),
      }),
    ]);
  });

  it("refuses a rate limit below AWS WAF's smallest, and accepts WAF on a standard tenant", () => {
    // Act
    const tooLow = parseTenantFile(
      "tenants/acme.yaml",
      `${renderTenantTemplate({ id: "acme", tier: "standard" })}\nwaf:\n  rateLimitPer5Minutes: 5\n`,
    );
    const optedIn = parseTenantFile(
      "tenants/acme.yaml",
      `${renderTenantTemplate({ id: "acme", tier: "standard" })}\nwaf:\n  enabled: true\n  rateLimitPer5Minutes: 500\n`,
    );

    // Assess
    expect(tooLow.ok ? [] : tooLow.problems).toEqual([
      expect.objectContaining({
        field: "waf.rateLimitPer5Minutes",
        message: expect.stringContaining("at least 10"),
      }),
    ]);
    expect(optedIn.ok && optedIn.config.waf).toEqual({ enabled: true, rateLimitPer5Minutes: 500 });
  });
});
