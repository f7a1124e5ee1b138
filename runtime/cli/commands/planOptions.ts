import type { policyProfileNames } from "../../../policies/profiles/policyProfileNames.ts";

/** The formats `silo plan` writes. */
export const planFormats = ["text", "json", "sarif", "markdown"] as const;

/**
 * The options of `silo plan`, as commander parses them. Their own file so that plan.ts (the command) and
 * runPlan.ts (what it runs, loaded on demand) both depend on it rather than on each other.
 */
export interface PlanOptions {
  stack?: string[];
  /** `--environment <qualifier>`: plan the stacks qualified with it (`staging.shared`, `staging.tenant-<id>`). */
  environment?: string;
  program?: string;
  stackName: string;
  config: string[];
  profile?: (typeof policyProfileNames)[number];
  format: (typeof planFormats)[number];
  out?: string;
  tenantsDir?: string;
  /** `--synthetic-tenants N`: generated tenants planned besides the tenant files. */
  syntheticTenants?: number;
  /** `--seed`: the generator's seed for --synthetic-tenants. */
  seed: number;
  /** `--synthetic-only`: plan the synthetic tenants without the tenant files. */
  syntheticOnly?: boolean;
}
