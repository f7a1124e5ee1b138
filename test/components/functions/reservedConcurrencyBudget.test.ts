import { describe, expect, it } from "vitest";
import {
  checkReservedConcurrency,
  tenantReservedConcurrency,
} from "../../../components/functions/reservedConcurrencyBudget.ts";

const tenant = (id: string, tier: "standard" | "regulated", reservedConcurrency?: number) => ({
  id,
  tier,
  limits: reservedConcurrency === undefined ? {} : { reservedConcurrency },
});

describe("tenantReservedConcurrency", () => {
  it("is 3 handler groups x the reservation + 1 for the migration, and nothing for a standard tenant by default", () => {
    expect(tenantReservedConcurrency(tenant("acme", "regulated") as never)).toBe(16);
    expect(tenantReservedConcurrency(tenant("globex", "standard") as never)).toBe(0);
    expect(tenantReservedConcurrency(tenant("initech", "standard", 20) as never)).toBe(61);
  });
});

describe("checkReservedConcurrency", () => {
  it("accepts a fleet that leaves 100 unreserved", () => {
    const fleet = Array.from({ length: 56 }, (_, index) => tenant(`t${index}`, "regulated"));

    expect(() => checkReservedConcurrency(fleet as never, 1000)).not.toThrow(); // 56 x 16 = 896
  });

  it("refuses one that would not, naming the total, the limit, the largest and the fixes", () => {
    const fleet = [tenant("big", "standard", 300), tenant("acme", "regulated"), tenant("globex", "standard")];

    expect(() => checkReservedConcurrency(fleet as never, 1000)).toThrow(
      'the tenants reserve 917 concurrent executions together (largest: big 901, acme 16), but an account concurrency limit of 1000 leaves 900 to reserve (Lambda keeps 100 unreserved); fix: request a higher "Concurrent executions" quota in Service Quotas and set silo:accountConcurrencyLimit to it',
    );
    expect(() => checkReservedConcurrency(fleet as never, 1200)).not.toThrow();
  });
});
