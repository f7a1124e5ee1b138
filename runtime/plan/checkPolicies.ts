import type { SiloPolicy } from "../../policies/rules/siloPolicy.ts";
import type {
  CheckPoliciesOptions,
  PolicyEngineResource,
  PolicyViolation,
} from "./policyEngine/policyEngineTypes.ts";
import { runPolicies } from "./policyEngine/runPolicies.ts";

export { loadPolicyProfile } from "../../policies/profiles/loadPolicyProfile.ts";
export type { PolicyProfileName } from "../../policies/profiles/policyProfileNames.ts";
export { PolicyConfigError, validatePolicyConfig } from "../../policies/profiles/validatePolicyConfig.ts";
export { PolicyRuleError } from "./policyEngine/policyRuleError.ts";
export type { CheckPoliciesOptions, PolicyEngineResource, PolicyViolation };

/**
 * Runs the pack's rules over a stack's recorded resources the way `pulumi preview --policy-pack policies
 * --policy-pack-config <profile>` would, without the Pulumi CLI: resource rules on each resource's inputs,
 * stack rules on all of them, levels and thresholds from the profile. A rule that throws fails the run
 * with a PolicyRuleError naming the rule and the resource.
 *
 * @example
 * const violations = await checkPolicies(allRules, recording.resources, {
 *   profile: await loadPolicyProfile("regulated"),
 * });
 */
export async function checkPolicies(
  rules: readonly SiloPolicy[],
  resources: readonly PolicyEngineResource[],
  options: CheckPoliciesOptions,
): Promise<PolicyViolation[]> {
  return (await runPolicies(rules, resources, options)).violations;
}
