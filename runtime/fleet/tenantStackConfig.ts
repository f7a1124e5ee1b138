import { readTenantStackConfig } from "../../stacks/readStackConfig.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { SiloError } from "../core/errors/siloError.ts";
import type { StackConfigMap } from "./stackWorkspaces.ts";

/** What {@link tenantStackConfig} derives a tenant stack's config from. */
export interface TenantStackConfigInput {
  readonly tenant: TenantConfig;
  readonly stackName: string;
  /** The stack's config as it is set now. */
  readonly existing: Readonly<Record<string, string>>;
  /** `aws:region` of the shared stack, when it has one. */
  readonly sharedRegion?: string;
}

/**
 * The config `silo deploy` sets on a tenant stack before running it, checked the way the program will check
 * it (stacks/readStackConfig.ts), so a bad stack fails here, with its fixes, instead of minutes into a run.
 *
 * - `aws:region`: the shared stack's Region (a silo must live in its edge's Region), else the stack's own.
 * - `silo:lambdaCode`: `prebuilt`, because deploy bundles the Lambdas once before the tenant stacks run;
 *   stacks running in parallel must not each bundle into the same `dist/lambda`.
 * - `silo:vpcCidr` is the operator's choice and is only checked: required for `network: dedicated`,
 *   refused otherwise. Every other key is left as it is.
 *
 * @example
 * tenantStackConfig({ tenant, stackName: "tenant-acme", existing: {}, sharedRegion: "us-east-1" });
 * // { "aws:region": { value: "us-east-1" }, "silo:lambdaCode": { value: "prebuilt" } }
 */
export function tenantStackConfig(input: TenantStackConfigInput): StackConfigMap {
  const { tenant, stackName, existing } = input;
  const problems: string[] = [];
  const region = input.sharedRegion ?? existing["aws:region"];
  const vpcCidr = existing["silo:vpcCidr"];
  if (tenant.network === "dedicated" && vpcCidr === undefined) {
    problems.push(
      `silo:vpcCidr is not set, but tenants/${tenant.id}.yaml asks for network: dedicated; ` +
        `fix: pulumi config set silo:vpcCidr 10.20.0.0/16 --stack ${stackName} (a range no other VPC of the platform uses)`,
    );
  }
  if (tenant.network === "shared" && vpcCidr !== undefined) {
    problems.push(
      `silo:vpcCidr is set, but tenants/${tenant.id}.yaml uses the shared network; fix: pulumi config rm silo:vpcCidr --stack ${stackName}`,
    );
  }
  const config: Record<string, { value: string }> = {
    ...(region === undefined ? {} : { "aws:region": { value: region } }),
    "silo:lambdaCode": { value: "prebuilt" },
  };
  const merged = {
    ...existing,
    ...Object.fromEntries(Object.entries(config).map(([key, entry]) => [key, entry.value])),
  };
  try {
    // The default shared stack name is only format-checked here; the program derives the real one.
    readTenantStackConfig(merged, stackName, "organization/silo-kit/shared");
  } catch (error) {
    if (!(error instanceof SiloError)) throw error;
    problems.push(
      ...error.message
        .split("\n")
        .filter((line) => line.startsWith("- "))
        .map((line) => line.slice(2)),
    );
  }
  if (problems.length > 0) {
    throw new SiloError(
      "STACK_CONFIG_INVALID",
      `stack ${stackName} has invalid config (see docs/stacks.md):\n${[...new Set(problems)].map((problem) => `- ${problem}`).join("\n")}`,
    );
  }
  return config;
}
