import { defaultTenantsDir } from "../../../runtime/core/tenants/defaultTenantsDir.ts";
import { planStackNames } from "../../../runtime/plan/planStackNames.ts";
import { type PlannedStack, planStacks } from "../../../runtime/plan/planStacks.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";

/**
 * Records the kit's own project program for the shared stack and every example tenant, as
 * `silo plan --stack all` does, under the plan's mocks.
 *
 * @example
 * const stacks = await planKitStacks(await loadTenantsOrThrow());
 */
export async function planKitStacks(
  tenants: readonly TenantConfig[],
  stackFiles?: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Promise<readonly PlannedStack[]> {
  const report = await planStacks({
    targets: planStackNames(["all"], tenants).map((stackName) => ({
      stackName,
      program: { kind: "project" },
      source: stackName,
    })),
    tenants,
    tenantsDir: defaultTenantsDir(),
    ...(stackFiles === undefined ? {} : { stackFiles }),
  });
  return report.stacks;
}
