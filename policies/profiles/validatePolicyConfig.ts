import type { PolicyConfigSchema, PolicyPackConfig } from "@pulumi/policy";
import { SiloError } from "../../runtime/core/errors/siloError.ts";
import type { SiloPolicy } from "../rules/siloPolicy.ts";

/** A profile or `--policy-pack-config` file the pack cannot run with. */
export class PolicyConfigError extends SiloError {
  constructor(message: string) {
    super("POLICY_CONFIG_INVALID", message);
  }
}

/** Levels a profile may set; no silo rule remediates, so `remediate` would only mean `mandatory`. */
const profileLevels = ["advisory", "mandatory", "disabled"] as const;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `${JSON.stringify(value)} (an array)`;
  return `${JSON.stringify(value)} (a ${typeof value})`;
}

function checkLevel(source: string, policy: string, value: unknown): void {
  if (!(profileLevels as readonly unknown[]).includes(value)) {
    throw new PolicyConfigError(
      `${source}: policy "${policy}" has enforcementLevel ${describe(value)}; set it to one of ${profileLevels.join(", ")}.`,
    );
  }
}

type PropertySchema = Exclude<PolicyConfigSchema["properties"][string], boolean>;

/** Why `value` does not fit `schema`, or undefined when it does (the subset of JSON schema rules use). */
function mismatch(schema: PropertySchema, value: unknown): string | undefined {
  const types = [schema.type ?? []].flat();
  const fits = (type: string) =>
    (type === "integer" && Number.isInteger(value)) ||
    (type === "number" && typeof value === "number" && Number.isFinite(value)) ||
    (type === "string" && typeof value === "string") ||
    (type === "boolean" && typeof value === "boolean") ||
    (type === "array" && Array.isArray(value)) ||
    (type === "null" && value === null);
  if (types.length > 0 && !types.some(fits)) {
    return types.map((type) => `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`).join(" or ");
  }
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) {
    return `at least ${schema.minimum}`;
  }
  if (typeof value === "number" && schema.maximum !== undefined && value > schema.maximum) {
    return `at most ${schema.maximum}`;
  }
  return undefined;
}

/**
 * Checks a profile (CrossGuard's `--policy-pack-config` format: policy name to a level, or to an object of
 * `enforcementLevel` and the rule's settings) against the rules, as the Pulumi CLI does before a preview,
 * and returns it typed. Every error names the file, the policy, the key and the fix.
 *
 * @example
 * validatePolicyConfig(allRules, JSON.parse(text), "policies/profiles/regulated.json");
 */
export function validatePolicyConfig(
  rules: readonly SiloPolicy[],
  config: unknown,
  source: string,
): PolicyPackConfig {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new PolicyConfigError(
      `${source}: is ${describe(config)}; write a JSON object of policy name to settings, e.g. {"silo-rds-instance-backup-retention": {"minimumDays": 35}}.`,
    );
  }
  for (const [policy, entry] of Object.entries(config)) {
    const rule = rules.find((candidate) => candidate.name === policy);
    if (rule === undefined) {
      throw new PolicyConfigError(
        `${source}: names policy "${policy}", which the pack does not have; use a rule name from docs/policies.md.`,
      );
    }
    if (typeof entry === "string") {
      checkLevel(source, policy, entry);
      continue;
    }
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      throw new PolicyConfigError(
        `${source}: policy "${policy}" is set to ${describe(entry)}; set it to an enforcement level or an object such as {"enforcementLevel": "mandatory"}.`,
      );
    }
    const properties = rule.configSchema?.properties ?? {};
    for (const [key, value] of Object.entries(entry)) {
      if (key === "enforcementLevel") {
        checkLevel(source, policy, value);
        continue;
      }
      const schema = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (schema === undefined || typeof schema === "boolean") {
        const known = Object.keys(properties);
        throw new PolicyConfigError(
          `${source}: policy "${policy}" has no setting "${key}"; ${
            known.length === 0
              ? "it takes only enforcementLevel"
              : `its settings are ${known.join(", ")} (and enforcementLevel)`
          }.`,
        );
      }
      const expected = mismatch(schema, value);
      if (expected !== undefined) {
        throw new PolicyConfigError(
          `${source}: policy "${policy}" setting "${key}" is ${describe(value)}; set it to ${expected}, e.g. ${JSON.stringify(schema.default)}.`,
        );
      }
    }
  }
  return config as PolicyPackConfig;
}
