import { beforeAll, describe, expect, it } from "vitest";
import { awsQuotas } from "../../../../runtime/plan/quotas/awsQuotas.ts";
import type { ReferenceFleetReports } from "../../../../runtime/plan/quotas/referenceFleet.ts";
import { planReferenceFleet, referenceFleet } from "../../../../runtime/plan/quotas/referenceFleet.ts";

// The fleets `silo plan --synthetic-tenants N` plans: one program per tenant shape (tier x network), so ten
// thousand tenants cost what a thousand do.
const kitMade = awsQuotas.filter((quota) => quota.ownMaking).map((quota) => quota.id);
let thousand: ReferenceFleetReports;
let tenThousand: ReferenceFleetReports;

beforeAll(async () => {
  thousand = await planReferenceFleet();
  tenThousand = await planReferenceFleet({ tenants: 10_000, seed: referenceFleet.seed });
}, 240_000);

describe("planReferenceFleet", () => {
  it("breaks a thousand tenants first on RDS's 40 DB instances, then on inherent quotas only", () => {
    // Act
    const binding = thousand.atDefaults.binding.map((usage) => [usage.id, usage.breaksAtTenant]);
    const breached = (report: ReferenceFleetReports["atDefaults"]) =>
      report.usages.filter((usage) => usage.status === "breached").map((usage) => usage.id);

    // Assess
    expect(binding[0]).toEqual(["rds-db-instances", 40]);
    expect(binding).toContainEqual(["apigateway-regional-apis", 601]);
    expect(breached(thousand.atDefaults)).toContain("rds-db-instances");
    expect(breached(thousand.atDefaults).filter((id) => kitMade.includes(id))).toEqual([]);
    expect(breached(thousand.raised).filter((id) => kitMade.includes(id))).toEqual([]);
  });

  it("lets no kit-made quota break below 10,000 tenants: tenants add nothing to a shared thing that binds", () => {
    // Act
    const usages = tenThousand.atDefaults.usages.filter((usage) => kitMade.includes(usage.id));
    const breaking = usages
      .filter((usage) => usage.breaksAtTenant !== null && usage.breaksAtTenant <= 10_000)
      .map((usage) => `${usage.id} breaks at tenant ${usage.breaksAtTenant}`);

    // Assess
    expect(tenThousand.atDefaults.tenants).toBe(10_000);
    expect(usages.map((usage) => usage.id).sort()).toEqual([...kitMade].sort());
    expect(breaking).toEqual([]);
  });

  it("keeps the shared ledger's and route tables' rules constant: tenants add none at all", () => {
    // Act
    const perTenant = Object.fromEntries(
      tenThousand.atDefaults.usages
        .filter((usage) =>
          [
            "vpc-inbound-rules-per-security-group",
            "vpc-routes-per-route-table",
            "lambda-resource-policy-size",
          ].includes(usage.id),
        )
        .map((usage) => [
          usage.id,
          [usage.perTenant, usage.used === thousand.atDefaults.usages.find((u) => u.id === usage.id)?.used],
        ]),
    );

    // Assess
    expect(perTenant).toEqual({
      "vpc-inbound-rules-per-security-group": [0, true],
      "vpc-routes-per-route-table": [0, true],
      "lambda-resource-policy-size": [0, true],
    });
  });
});
