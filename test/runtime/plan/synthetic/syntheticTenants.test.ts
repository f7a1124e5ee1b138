import { describe, expect, it } from "vitest";
import { syntheticTenants } from "../../../../runtime/plan/synthetic/syntheticTenants.ts";
import { tenantConfigSchema } from "../../../../tenants/schema.ts";

describe("syntheticTenants", () => {
  it("generates exactly the asked count, grouped by tier and network", () => {
    // Act
    const groups = syntheticTenants(1000, 1);

    // Assess
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(1000);
    expect(groups.map((group) => group.tenant.id)).toEqual([
      "synth-reg-dedicated",
      "synth-reg-shared",
      "synth-std-dedicated",
      "synth-std-shared",
    ]);
  });

  it("mixes tiers and networks about as syntheticMix says", () => {
    const groups = syntheticTenants(1000, 1);
    const count = (match: (group: (typeof groups)[number]) => boolean) =>
      groups.filter(match).reduce((sum, group) => sum + group.count, 0);

    expect(count((group) => group.shape.tier === "regulated")).toBeGreaterThan(280);
    expect(count((group) => group.shape.tier === "regulated")).toBeLessThan(390);
    expect(count((group) => group.shape.network === "dedicated")).toBeGreaterThan(30);
    expect(count((group) => group.shape.network === "dedicated")).toBeLessThan(75);
  });

  it("gives the same fleet for the same seed, another for another seed", () => {
    const counts = (seed: number) =>
      syntheticTenants(200, seed).map((group) => [group.tenant.id, group.count]);

    expect(counts(7)).toEqual(counts(7));
    expect(counts(7)).not.toEqual(counts(8));
  });

  it("stamps each group's tenant from the kit's template, valid for the tenant schema, with its shape", () => {
    for (const group of syntheticTenants(100, 1)) {
      expect(tenantConfigSchema.parse(group.tenant)).toEqual(group.tenant);
      expect([group.tenant.tier, group.tenant.network]).toEqual([group.shape.tier, group.shape.network]);
    }
  });
});
