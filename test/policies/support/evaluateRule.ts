import type { PolicyPackConfig, PolicyProviderResource } from "@pulumi/policy";
import type { SiloPolicy, SiloResourcePolicy, SiloStackPolicy } from "../../../policies/rules/siloPolicy.ts";
import { checkPolicies } from "../../../runtime/plan/checkPolicies.ts";
import type { PolicyEngineResource } from "../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import { evaluateResourcePolicy, runPolicies } from "../../../runtime/plan/policyEngine/runPolicies.ts";

/** What a rule said about one resource: its violation messages, or that it does not apply. */
export type RuleVerdict =
  | { readonly applicable: true; readonly violations: string[] }
  | { readonly applicable: false };

/** What a test resource is made of; everything but the type is optional. */
export interface TestResourceSpec {
  readonly type: string;
  readonly name?: string;
  readonly inputs?: Record<string, unknown>;
  /** @default the inputs */
  readonly state?: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** The provider resource's URN; the resource's provider reference becomes `<urn>::<id>`. */
  readonly providerUrn?: string;
  /** @default true */
  readonly custom?: boolean;
  /** The stack in the URN, which the tenant rules read (policies/rules/stackOwner.ts). @default "test" */
  readonly stack?: string;
}

/**
 * A resource as the offline plan records it, for engine and stack-rule tests.
 *
 * @example
 * testResource({ type: "aws:rds/instance:Instance", name: "db", inputs: { engine: "postgres" } }).urn;
 * // "urn:pulumi:test::silo-kit::aws:rds/instance:Instance::db"
 */
export function testResource(spec: TestResourceSpec): PolicyEngineResource {
  const name = spec.name ?? "resource";
  const inputs = spec.inputs ?? {};
  return {
    urn: `urn:pulumi:${spec.stack ?? "test"}::silo-kit::${spec.type}::${name}`,
    type: spec.type,
    name,
    custom: spec.custom ?? true,
    parent: spec.parent,
    provider: spec.providerUrn === undefined ? "" : `${spec.providerUrn}::${name}-provider-id`,
    dependencies: spec.dependencies ?? [],
    inputs,
    state: spec.state ?? inputs,
    ...(spec.propertyDependencies === undefined ? {} : { propertyDependencies: spec.propertyDependencies }),
  };
}

/** An AWS provider resource whose default tags say `silo:tenant` is `tenant`. */
export function tenantProvider(tenant: string): PolicyEngineResource {
  const inputs = { region: "us-east-1", defaultTags: JSON.stringify({ tags: { "silo:tenant": tenant } }) };
  return testResource({ type: "pulumi:providers:aws", name: `${tenant}-aws`, inputs });
}

/**
 * Runs a resource rule on one resource through the policy engine (runtime/plan/checkPolicies.ts), as the
 * CrossGuard analyzer would. `resource.provider` is the resource's provider (its inputs as `props`).
 *
 * @example
 * evaluateRule(instanceNotPublic, "aws:rds/instance:Instance", { publiclyAccessible: true });
 */
export async function evaluateRule(
  rule: SiloResourcePolicy,
  type: string,
  props: Record<string, unknown>,
  resource: {
    readonly name?: string;
    readonly provider?: PolicyProviderResource;
    /** The stack the resource is in, e.g. `tenant-globex`. @default "test" (a name the tenant rules do not read) */
    readonly stack?: string;
  } = {},
  profile: PolicyPackConfig = {},
): Promise<RuleVerdict> {
  const provider =
    resource.provider === undefined
      ? undefined
      : testResource({
          type: resource.provider.type,
          name: resource.provider.name,
          inputs: resource.provider.props,
        });
  const subject = testResource({
    type,
    name: resource.name ?? "resource",
    inputs: props,
    ...(resource.stack === undefined ? {} : { stack: resource.stack }),
    ...(provider === undefined ? {} : { providerUrn: provider.urn }),
  });
  const byUrn = new Map([subject, ...(provider === undefined ? [] : [provider])].map((r) => [r.urn, r]));
  const verdict = await evaluateResourcePolicy(rule, subject, { profile, byUrn });
  return verdict.applicable
    ? { applicable: true, violations: verdict.reports.map((report) => report.message) }
    : { applicable: false };
}

/** The violation messages of a resource rule on one resource; fails when the rule does not apply to its type. */
export async function violationsOf(
  rule: SiloResourcePolicy,
  type: string,
  props: Record<string, unknown>,
  profile: PolicyPackConfig = {},
): Promise<string[]> {
  const verdict = await evaluateRule(rule, type, props, {}, profile);
  if (!verdict.applicable) throw new Error(`${rule.name} does not apply to ${type}`);
  return verdict.violations;
}

/**
 * What a stack rule reports over the given resources, as `[resource name or "stack", message]` pairs;
 * fails when the rule does not apply.
 */
export async function stackViolationsOf(
  rule: SiloStackPolicy,
  resources: readonly PolicyEngineResource[],
  profile: PolicyPackConfig = {},
): Promise<[string, string][]> {
  const run = await runPolicies([rule], resources, { profile });
  if (!run.applied.has(rule.name)) throw new Error(`${rule.name} does not apply to these resources`);
  const names = new Map(resources.map((resource) => [resource.urn, resource.name]));
  return run.violations.map((violation) => [
    violation.urn === undefined ? "stack" : (names.get(violation.urn) ?? violation.urn),
    violation.message,
  ]);
}

/**
 * Every violation of the rules over a stack's resources under a profile, as `rule on resource: message`
 * lines (the offline plan's view of `pulumi preview --policy-pack policies`).
 */
export async function violationsOver(
  rules: readonly SiloPolicy[],
  resources: readonly PolicyEngineResource[],
  profile: PolicyPackConfig,
): Promise<string[]> {
  const names = new Map(resources.map((resource) => [resource.urn, resource.name]));
  const violations = await checkPolicies(rules, resources, { profile });
  return violations.map(
    (violation) =>
      `${violation.policy} on ${violation.urn === undefined ? "the stack" : (names.get(violation.urn) ?? violation.urn)}: ${violation.message}`,
  );
}
