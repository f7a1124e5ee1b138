import type { PolicyPackConfig, Severity } from "@pulumi/policy";
import type { RecordedResource } from "../pulumiRecording.ts";

/**
 * A resource as the engine needs it: what the offline plan records. `propertyDependencies` (property name to
 * the URNs its value came from) is optional; without it a stack rule's `propertyDependencies` is empty and
 * rules fall back to `dependencies`.
 */
export type PolicyEngineResource = Pick<
  RecordedResource,
  "urn" | "type" | "name" | "custom" | "parent" | "provider" | "dependencies" | "inputs" | "state"
> & { readonly propertyDependencies?: Readonly<Record<string, readonly string[]>> };

/** One violation, as `pulumi preview --policy-pack` would report it. */
export interface PolicyViolation {
  /** The rule's name, e.g. `silo-rds-instance-no-public-access`. */
  readonly policy: string;
  /** The level under the profile (a profile's `remediate` counts as mandatory, as in the analyzer). */
  readonly enforcementLevel: "mandatory" | "advisory";
  readonly severity: Severity;
  /** The resource in violation; undefined when a stack rule blames the stack as a whole. */
  readonly urn: string | undefined;
  /** What the rule reported (the analyzer prints the rule's description above it). */
  readonly message: string;
}

/** Options of {@link checkPolicies}. */
export interface CheckPoliciesOptions {
  /** Levels and thresholds, as policies/profiles/<name>.json (see loadPolicyProfile); `{}` is the baseline. */
  readonly profile: PolicyPackConfig;
  /** The stack's tags (`args.stackTags`). @default no tags */
  readonly stackTags?: ReadonlyMap<string, string>;
}

/** Everything a run found: the violations, and which rules applied to something (not `notApplicable`). */
export interface PolicyRun {
  readonly violations: PolicyViolation[];
  readonly applied: ReadonlySet<string>;
}
