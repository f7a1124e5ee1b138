import type { TenantConfig } from "../tenants/schema.ts";
import type { prepareLambdaCode } from "./prepareLambdaCode.ts";
import type { ConfigValues } from "./readStackConfig.ts";

/** What a stack program reads from its surroundings; tests replace the parts that touch disk or build. */
export interface StackDeps {
  readonly stackName: string;
  readonly organization: string;
  readonly project: string;
  /** The stack's config, `namespace:key` to value. */
  readonly config: ConfigValues;
  readonly prepareLambdaCode: typeof prepareLambdaCode;
  /** @default the repository's tenants/ folder (or SILO_TENANTS_DIR) */
  readonly tenantsDir?: string;
  /**
   * The tenants of `tenantsDir`, already loaded and validated (the offline plan loads the folder once for
   * every stack).
   * @default read from `tenantsDir`
   */
  readonly tenants?: readonly TenantConfig[];
}
