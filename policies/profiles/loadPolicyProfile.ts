import { readFile } from "node:fs/promises";
import type { PolicyPackConfig } from "@pulumi/policy";
import { allRules } from "../rules/allRules.ts";
import type { PolicyProfileName } from "./policyProfileNames.ts";
import { PolicyConfigError, validatePolicyConfig } from "./validatePolicyConfig.ts";

/** Where a profile lives: the file `pulumi preview --policy-pack-config` is given. */
export function policyProfilePath(name: PolicyProfileName): URL {
  return new URL(`./${name}.json`, import.meta.url);
}

/**
 * Reads and checks a profile of policies/profiles/ against every rule of the pack.
 *
 * @example
 * const profile = await loadPolicyProfile("regulated");
 * await checkPolicies(allRules, resources, { profile });
 */
export async function loadPolicyProfile(name: PolicyProfileName): Promise<PolicyPackConfig> {
  const source = `policies/profiles/${name}.json`;
  const text = await readFile(policyProfilePath(name), "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PolicyConfigError(`${source}: is not JSON (${(error as Error).message}); fix its syntax.`);
  }
  return validatePolicyConfig(allRules, parsed, source);
}
