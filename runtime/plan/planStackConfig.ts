import { type ParsedStackName, parseStackName } from "../../stacks/parseStackName.ts";
import { stackConfigKeys } from "../../stacks/stackConfigKeys.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { SiloError } from "../core/errors/siloError.ts";

/** Where a stack's config comes from in the plan, lowest precedence first. */
export interface PlanStackConfigSources {
  /** Stack name: `shared` or `tenant-<id>`, maybe qualified (`staging.tenant-<id>`, stacks/parseStackName.ts). */
  readonly stackName: string;
  /** Every tenant of the fleet: the shared stack's defaults depend on what its tenants need. */
  readonly tenants: readonly TenantConfig[];
  /** The `config:` of `Pulumi.<stack>.yaml`, when the project has one. */
  readonly stackFile?: Readonly<Record<string, string>>;
  /** `--config key=value` from the command line; they apply to every stack planned. */
  readonly overrides?: Readonly<Record<string, string>>;
}

/** The address range a dedicated tenant VPC gets in the plan when its stack file sets none. */
export const planDedicatedVpcCidr = "10.20.0.0/16";

/**
 * The config one stack runs with in the offline plan: every required key of stacks/stackConfigKeys.ts at
 * its documented example (a reviewer without the real stack files still gets a complete plan), what the
 * fleet needs (NAT on the shared VPC when a tenant calls an openai-compatible model over the internet; a
 * VPC range for a dedicated tenant), then `Pulumi.<stack>.yaml`, then `--config` overrides.
 *
 * @example
 * planStackConfig({ stackName: "shared", tenants }); // { "aws:region": "us-east-1", "silo:jwtIssuer": ... }
 */
export function planStackConfig(sources: PlanStackConfigSources): Record<string, string> {
  const stack = projectStack(sources.stackName);
  const kind = stack.kind;
  const config: Record<string, string> = {};
  for (const key of stackConfigKeys) {
    if (key.required && key.stacks.includes(kind)) config[key.key] = key.example;
  }
  if (kind === "shared") {
    const needsInternet = sources.tenants.some(
      (tenant) =>
        tenant.network === "shared" &&
        tenant.models.allowlist.some((model) => model.provider === "openai-compatible"),
    );
    if (needsInternet) config["silo:natGateways"] = "single";
  } else {
    const tenant = sources.tenants.find((candidate) => candidate.id === stack.tenantId);
    if (tenant?.network === "dedicated") config["silo:vpcCidr"] = planDedicatedVpcCidr;
  }
  return { ...config, ...sources.stackFile, ...sources.overrides };
}

/**
 * What a stack is; a name the project's programs refuse (a `--program` stack such as `dev`) is planned with
 * a tenant stack's required config, for no tenant of the fleet.
 */
function projectStack(
  stackName: string,
): ParsedStackName | { readonly kind: "tenant"; readonly tenantId?: undefined } {
  try {
    return parseStackName(stackName);
  } catch {
    return { kind: "tenant" };
  }
}

/**
 * `--config key=value` arguments as a map. A key without a namespace gets the project's (`silo:`), as
 * `pulumi config set` does.
 *
 * @example
 * parseConfigArguments(["aws:region=eu-west-1", "jwtAudience=api"]); // { "aws:region": ..., "silo:jwtAudience": "api" }
 */
export function parseConfigArguments(values: readonly string[]): Record<string, string> {
  const config: Record<string, string> = {};
  for (const value of values) {
    const separator = value.indexOf("=");
    if (separator <= 0) {
      throw new SiloError(
        "PLAN_CONFIG_INVALID",
        `--config "${value}" is not KEY=VALUE; write it as e.g. --config aws:region=eu-west-1`,
      );
    }
    const key = value.slice(0, separator);
    config[key.includes(":") ? key : `silo:${key}`] = value.slice(separator + 1);
  }
  return config;
}
