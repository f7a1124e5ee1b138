import type { EnforcementLevel, PolicyPackConfig } from "@pulumi/policy";
import type { SiloPolicy } from "../rules/siloPolicy.ts";

/** How one rule runs under a profile: its enforcement level and the settings `args.getConfig()` returns. */
export interface PolicySettings {
  readonly enforcementLevel: EnforcementLevel;
  readonly config: Readonly<Record<string, unknown>>;
}

/** The `default` of every property of a rule's config schema: its baseline settings. */
export function policyDefaults(rule: Pick<SiloPolicy, "configSchema">): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(rule.configSchema?.properties ?? {}).flatMap(([key, schema]) =>
      typeof schema === "object" && schema.default !== undefined ? [[key, schema.default]] : [],
    ),
  );
}

/**
 * A rule's level and settings under a profile, as the Pulumi CLI hands them to the analyzer: the profile's
 * level (a bare level string or an object's `enforcementLevel`) else the rule's own; the profile's values
 * over the schema's defaults, without `enforcementLevel` (which `getConfig()` never returns).
 *
 * @example
 * policySettings(instanceBackupRetention, { "silo-rds-instance-backup-retention": { minimumDays: 35 } });
 * // { enforcementLevel: "mandatory", config: { minimumDays: 35 } }
 */
export function policySettings(rule: SiloPolicy, profile: PolicyPackConfig): PolicySettings {
  const entry = Object.hasOwn(profile, rule.name) ? profile[rule.name] : undefined;
  const { enforcementLevel, ...values } =
    typeof entry === "string" ? { enforcementLevel: entry } : (entry ?? ({} as Record<string, unknown>));
  return {
    enforcementLevel: (enforcementLevel as EnforcementLevel | undefined) ?? rule.enforcementLevel,
    config: { ...policyDefaults(rule), ...values },
  };
}
