import { policyProfileForTier } from "../../policies/profiles/policyProfileNames.ts";
import { allRules } from "../../policies/rules/allRules.ts";
import type { SiloPolicy } from "../../policies/rules/siloPolicy.ts";
import { type ParsedStackName, parseStackName, stackNameOf } from "../../stacks/parseStackName.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import {
  checkPolicies,
  loadPolicyProfile,
  type PolicyProfileName,
  type PolicyViolation,
} from "./checkPolicies.ts";
import { checkNameLimits, type NameFinding } from "./nameLimits/checkNameLimits.ts";
import { planStackConfig } from "./planStackConfig.ts";
import type { RecordedResource } from "./pulumiRecording.ts";
import type { AwsQuota } from "./quotas/awsQuota.ts";
import { awsQuotas } from "./quotas/awsQuotas.ts";
import { fleetQuotaReport, type QuotaReport } from "./quotas/fleetQuotaReport.ts";
import { readQuotaValues } from "./quotas/readQuotaValues.ts";
import { type PlanProgram, recordStack } from "./recordStack.ts";

/** One stack the plan runs. */
export interface PlanTarget {
  readonly stackName: string;
  readonly program: PlanProgram;
  /** The file that defines the stack, relative to the repository root (reports point at it). */
  readonly source: string;
  /**
   * How many tenants the stack stands for in the quota report: a synthetic tenant's stack stands for every
   * synthetic tenant of its shape (see synthetic/syntheticTenants.ts).
   * @default 1 for a tenant stack, 0 for `shared` and `--program`
   */
  readonly tenants?: number;
}

/** What {@link planStacks} needs. */
export interface PlanStacksArgs {
  readonly targets: readonly PlanTarget[];
  /** The fleet, loaded once: tenant stacks and the shared stack's defaults read it. */
  readonly tenants: readonly TenantConfig[];
  readonly tenantsDir: string;
  /** `Pulumi.<stack>.yaml` config by stack name (see readStackFileConfig.ts). */
  readonly stackFiles?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `--config` values, applied to every stack. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** @default per stack: `regulated` for a tenant of tier regulated, else `baseline` */
  readonly profile?: PolicyProfileName;
  /** @default every rule of the pack */
  readonly rules?: readonly SiloPolicy[];
  /** @default every quota of quotas/awsQuotas.ts */
  readonly quotas?: readonly AwsQuota[];
  /** Called as each stack starts and ends, for progress on the terminal. */
  readonly onProgress?: (event: PlanProgressEvent) => void;
}

/** A stack starting or finished, with its place in the plan. */
export type PlanProgressEvent =
  | { readonly kind: "started"; readonly stackName: string; readonly index: number; readonly total: number }
  | {
      readonly kind: "finished";
      readonly stack: PlannedStack;
      readonly index: number;
      readonly total: number;
    };

/** One stack's recorded resources, the policy pack's verdict on them and the names AWS would refuse. */
export interface PlannedStack {
  readonly name: string;
  /** The file that defines the stack, relative to the repository root. */
  readonly source: string;
  readonly profile: PolicyProfileName;
  readonly resources: readonly RecordedResource[];
  readonly violations: readonly PolicyViolation[];
  /** Names and descriptions AWS's documented rules refuse (nameLimits/checkNameLimits.ts). */
  readonly nameFindings: readonly NameFinding[];
  readonly durationMs: number;
  /** How many tenants the stack stands for (see {@link PlanTarget.tenants}). */
  readonly tenants: number;
}

/** The plan of every target, in order, and the fleet's use of the account's quotas. */
export interface PlanReport {
  readonly stacks: readonly PlannedStack[];
  readonly quotas: QuotaReport;
}

/**
 * The offline plan: runs each target's program under Pulumi's mocks (stack by stack, each with fresh runtime
 * state and its own config), records every resource, and runs the policy pack over them with the stack's
 * profile. Tenant stacks of the project read the outputs of the planned `shared` stack through their
 * StackReference; when `shared` is not a target it is still run first, for those outputs only. Each stack's
 * names and descriptions are checked against AWS's documented rules (nameLimits/checkNameLimits.ts). Last, the
 * planned stacks' use of the account's AWS quotas (quotas/fleetQuotaReport.ts), with `silo:quotas` of the
 * shared stack's config.
 *
 * @example
 * const report = await planStacks({ targets: [{ stackName: "shared", program: { kind: "project" } }], tenants, tenantsDir });
 */
export async function planStacks(args: PlanStacksArgs): Promise<PlanReport> {
  const rules = args.rules ?? allRules;
  const stacks: PlannedStack[] = [];
  // The outputs of each environment's shared stack (`shared`, `staging.shared`), by its stack name.
  const sharedOutputs = new Map<string, Readonly<Record<string, unknown>>>();
  const sharedStackOutputs = async (tenantStack: string) => {
    const sharedName = sharedStackOf(tenantStack);
    let outputs = sharedOutputs.get(sharedName);
    if (outputs === undefined) {
      const shared = await recordStack({
        stackName: sharedName,
        program: { kind: "project" },
        config: configOf(args, sharedName),
        programDeps: { tenants: args.tenants, tenantsDir: args.tenantsDir },
      });
      outputs = shared.outputs;
      sharedOutputs.set(sharedName, outputs);
    }
    return { [sharedStackName(configOf(args, tenantStack), sharedName)]: outputs };
  };

  for (const [index, target] of args.targets.entries()) {
    args.onProgress?.({ kind: "started", stackName: target.stackName, index, total: args.targets.length });
    const started = performance.now();
    const config = configOf(args, target.stackName);
    const isProjectTenant = projectStack(target)?.kind === "tenant";
    const recorded = await recordStack({
      stackName: target.stackName,
      program: target.program,
      config,
      programDeps: { tenants: args.tenants, tenantsDir: args.tenantsDir },
      ...(isProjectTenant ? { stackOutputs: await sharedStackOutputs(target.stackName) } : {}),
    });
    if (projectStack(target)?.kind === "shared" && !sharedOutputs.has(target.stackName)) {
      sharedOutputs.set(target.stackName, recorded.outputs);
    }
    const profile = args.profile ?? defaultProfile(target, args.tenants);
    const violations = await checkPolicies(rules, recorded.resources, {
      profile: await loadPolicyProfile(profile),
    });
    const stack: PlannedStack = {
      name: target.stackName,
      source: target.source,
      profile,
      resources: recorded.resources,
      violations,
      nameFindings: checkNameLimits(recorded.resources),
      durationMs: performance.now() - started,
      tenants: target.tenants ?? (isProjectTenant ? 1 : 0),
    };
    stacks.push(stack);
    args.onProgress?.({ kind: "finished", stack, index, total: args.targets.length });
  }
  const quotas = args.quotas ?? awsQuotas;
  const quotaStacks = stacks.map((stack, index) => ({
    kind: stack.tenants > 0 || isTenantStack(args.targets[index]) ? ("tenant" as const) : ("shared" as const),
    resources: stack.resources,
    tenants: stack.tenants,
  }));
  return {
    stacks,
    quotas: fleetQuotaReport(
      quotas,
      readQuotaValues(quotas, configOf(args, sharedStackOf(args.targets[0]?.stackName))),
      quotaStacks,
    ),
  };
}

function isTenantStack(target: PlanTarget | undefined): boolean {
  return target !== undefined && projectStack(target)?.kind === "tenant";
}

/** What a target of the project's own program is (stacks/parseStackName.ts); undefined for `--program`. */
function projectStack(target: PlanTarget): ParsedStackName | undefined {
  return target.program.kind === "project" ? parseStackName(target.stackName) : undefined;
}

/**
 * The shared stack of a stack's environment: `shared` for `tenant-acme`, `staging.shared` for
 * `staging.tenant-acme`; `shared` for a name that is not the project's (a `--program` stack).
 */
function sharedStackOf(stackName: string | undefined): string {
  let environmentQualifier: string | undefined;
  try {
    environmentQualifier =
      stackName === undefined ? undefined : parseStackName(stackName).environmentQualifier;
  } catch {
    environmentQualifier = undefined;
  }
  return stackNameOf({ kind: "shared", environmentQualifier });
}

/** The profile a stack is checked with when `--profile` is not given: its tenant's tier. */
export function defaultProfile(target: PlanTarget, tenants: readonly TenantConfig[]): PolicyProfileName {
  if (target.program.kind !== "project") return "baseline";
  const stack = parseStackName(target.stackName);
  return policyProfileForTier(
    stack.kind === "tenant" ? tenants.find((candidate) => candidate.id === stack.tenantId)?.tier : undefined,
  );
}

function configOf(args: PlanStacksArgs, stackName: string): Record<string, string> {
  return planStackConfig({
    stackName,
    tenants: args.tenants,
    ...(args.stackFiles?.[stackName] === undefined ? {} : { stackFile: args.stackFiles[stackName] }),
    ...(args.overrides === undefined ? {} : { overrides: args.overrides }),
  });
}

/** The StackReference name a tenant stack reads its edge from (`silo:sharedStack`, as stacks/tenant.ts). */
function sharedStackName(config: Readonly<Record<string, string>>, sharedName: string): string {
  return config["silo:sharedStack"] ?? `organization/silo-kit/${sharedName}`;
}
