/** The profiles the pack ships: the same rules, with stricter levels and thresholds for `regulated`. */
export const policyProfileNames = ["baseline", "regulated"] as const;

/** A profile of policies/profiles/: `<name>.json` in CrossGuard's `--policy-pack-config` format. */
export type PolicyProfileName = (typeof policyProfileNames)[number];

/**
 * The profile a stack is checked under: a tenant of tier `regulated` under `regulated`, every other tenant
 * and the shared stack under `baseline`.
 *
 * @example
 * policyProfileForTier("regulated"); // "regulated"
 */
export function policyProfileForTier(tier: string | undefined): PolicyProfileName {
  return tier === "regulated" ? "regulated" : "baseline";
}
