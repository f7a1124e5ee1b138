import { describe, expect, it } from "vitest";
import { planStackNames } from "../../../runtime/plan/planStackNames.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";

const tenants = [{ id: "acme-health" }, { id: "globex" }] as TenantConfig[];

describe("planStackNames", () => {
  it("expands all to shared then every tenant stack", () => {
    expect(planStackNames(["all"], tenants)).toEqual(["shared", "tenant-acme-health", "tenant-globex"]);
  });

  it("keeps deploy order and drops repeats whatever order stacks are asked in", () => {
    expect(planStackNames(["tenant-globex", "shared", "tenant-globex"], tenants)).toEqual([
      "shared",
      "tenant-globex",
    ]);
  });

  it("refuses a tenant stack without a tenant file, naming the fix", () => {
    expect(() => planStackNames(["tenant-hooli"], tenants)).toThrow(
      '--stack "tenant-hooli" is not a stack of this project; add tenants/hooli.yaml (silo tenants new hooli) or use one of: all, shared, tenant-acme-health, tenant-globex',
    );
  });

  it("refuses anything else with the list of stacks", () => {
    expect(() => planStackNames(["prod"], tenants)).toThrow(
      expect.objectContaining({
        code: "PLAN_STACK_UNKNOWN",
        message:
          '--stack "prod" is not a stack of this project; use one of: all, shared, tenant-acme-health, tenant-globex',
      }),
    );
  });
});
