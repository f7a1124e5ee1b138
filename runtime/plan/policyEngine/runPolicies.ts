import type { PolicyPackConfig, ResourceValidation } from "@pulumi/policy";
import { policySettings } from "../../../policies/profiles/policySettings.ts";
import type { SiloPolicy, SiloResourcePolicy, SiloStackPolicy } from "../../../policies/rules/siloPolicy.ts";
import { NotApplicableError, policyResources, providerOf, resourceValidationArgs } from "./analyzerArgs.ts";
import type {
  CheckPoliciesOptions,
  PolicyEngineResource,
  PolicyRun,
  PolicyViolation,
} from "./policyEngineTypes.ts";
import { PolicyRuleError } from "./policyRuleError.ts";

type ReportedLevel = PolicyViolation["enforcementLevel"];

/** The level a violation is reported with; undefined when the profile disables the rule. */
function reportedLevel(rule: SiloPolicy, profile: PolicyPackConfig): ReportedLevel | undefined {
  const level = policySettings(rule, profile).enforcementLevel;
  if (level === "disabled") return undefined;
  return level === "advisory" ? "advisory" : "mandatory";
}

/** The Pulumi type a `validateResourceOfType` validation is bound to, if any (server.js's fast path). */
function boundType(validation: ResourceValidation): string | undefined {
  const type = (validation as { __pulumiType?: unknown }).__pulumiType;
  return typeof type === "string" ? type : undefined;
}

interface Verdict {
  readonly applicable: boolean;
  readonly reports: { readonly message: string; readonly urn: string | undefined }[];
}

/**
 * Runs one resource rule's validations on one resource, as server.js's `analyze` does: each validation in
 * order, `notApplicable()` ending that validation only, any other exception failing the run.
 */
export async function evaluateResourcePolicy(
  rule: SiloResourcePolicy,
  resource: PolicyEngineResource,
  context: {
    readonly profile: PolicyPackConfig;
    readonly byUrn: ReadonlyMap<string, PolicyEngineResource>;
    readonly stackTags?: ReadonlyMap<string, string>;
  },
): Promise<Verdict> {
  const { config } = policySettings(rule, context.profile);
  const provider = providerOf(resource, context.byUrn);
  const reports: Verdict["reports"] = [];
  let applicable = false;
  for (const validation of [rule.validateResource ?? []].flat()) {
    const type = boundType(validation);
    if (type !== undefined && type !== resource.type) continue;
    const args = resourceValidationArgs(resource, provider, config, context.stackTags ?? new Map());
    try {
      // The analyzer always blames the resource under validation, whatever urn a rule passes.
      await validation(args, (message) => reports.push({ message, urn: resource.urn }));
      applicable = true;
    } catch (error) {
      if (!(error instanceof NotApplicableError)) throw new PolicyRuleError(rule.name, resource.urn, error);
    }
  }
  return { applicable, reports };
}

/** Runs one stack rule over every resource, as server.js's `analyzeStack` does. */
export async function evaluateStackPolicy(
  rule: SiloStackPolicy,
  resources: readonly PolicyEngineResource[],
  context: {
    readonly profile: PolicyPackConfig;
    readonly byUrn: ReadonlyMap<string, PolicyEngineResource>;
    readonly stackTags?: ReadonlyMap<string, string>;
  },
): Promise<Verdict> {
  const type = (rule.validateStack as { __pulumiType?: unknown }).__pulumiType;
  if (typeof type === "string" && !resources.some((resource) => resource.type === type)) {
    return { applicable: false, reports: [] };
  }
  const { config } = policySettings(rule, context.profile);
  const reports: Verdict["reports"] = [];
  try {
    await rule.validateStack(
      {
        resources: policyResources(resources, context.byUrn),
        getConfig: <T extends object>() => ({ ...config }) as T,
        stackTags: context.stackTags ?? new Map(),
        notApplicable: (reason?: string): never => {
          throw new NotApplicableError(reason);
        },
      },
      (message, urn) => reports.push({ message, urn }),
    );
  } catch (error) {
    if (error instanceof NotApplicableError) return { applicable: false, reports: [] };
    throw new PolicyRuleError(rule.name, `the stack (${resources.length} resources)`, error);
  }
  return { applicable: true, reports };
}

/**
 * The offline analyzer: every resource rule over every resource (custom, component and provider, as the
 * engine sends each registration to `analyze`), then every stack rule over all of them, under a profile.
 * Violations come in that order: by resource, then by rule.
 */
export async function runPolicies(
  rules: readonly SiloPolicy[],
  resources: readonly PolicyEngineResource[],
  options: CheckPoliciesOptions,
): Promise<PolicyRun> {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource] as const));
  const context = { profile: options.profile, byUrn, stackTags: options.stackTags };
  const violations: PolicyViolation[] = [];
  const applied = new Set<string>();
  const record = (rule: SiloPolicy, level: ReportedLevel, verdict: Verdict) => {
    if (verdict.applicable) applied.add(rule.name);
    for (const { message, urn } of verdict.reports) {
      violations.push({ policy: rule.name, enforcementLevel: level, severity: rule.severity, urn, message });
    }
  };
  for (const resource of resources) {
    for (const rule of rules) {
      const level = reportedLevel(rule, options.profile);
      if (rule.kind !== "resource" || level === undefined) continue;
      record(rule, level, await evaluateResourcePolicy(rule, resource, context));
    }
  }
  for (const rule of rules) {
    const level = reportedLevel(rule, options.profile);
    if (rule.kind !== "stack" || level === undefined) continue;
    record(rule, level, await evaluateStackPolicy(rule, resources, context));
  }
  return { violations, applied };
}
