import { SiloError } from "../../core/errors/siloError.ts";
import type { AwsQuota } from "./awsQuota.ts";

/** The config key holding an account's raised quotas, a JSON map of quota id to value. */
export const quotasConfigKey = "silo:quotas";

/**
 * The value of every quota for the planned account: AWS's default, unless `silo:quotas` (a JSON map of
 * quota id to number, as `pulumi config set --path` or a YAML map in the stack file writes it) says the
 * account has another. `silo:accountConcurrencyLimit`, the tenant stacks' own check of reserved concurrency,
 * also sets the Lambda concurrency quota when `silo:quotas` does not.
 *
 * @example
 * readQuotaValues(awsQuotas, { "silo:quotas": '{"rds-db-instances": 200}' }).get("rds-db-instances"); // 200
 */
export function readQuotaValues(
  quotas: readonly AwsQuota[],
  config: Readonly<Record<string, string>>,
): Map<string, number> {
  const values = new Map(quotas.map((quota) => [quota.id, quota.defaultValue]));
  const concurrency = config["silo:accountConcurrencyLimit"];
  if (concurrency !== undefined && values.has("lambda-concurrent-executions")) {
    values.set("lambda-concurrent-executions", Number(concurrency));
  }
  const text = config[quotasConfigKey];
  if (text === undefined) return values;
  let overrides: unknown;
  try {
    overrides = JSON.parse(text);
  } catch {
    overrides = undefined;
  }
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw new SiloError(
      "PLAN_CONFIG_INVALID",
      `${quotasConfigKey} is ${JSON.stringify(text)}, not a map of quota id to value; write it as e.g. ` +
        `--config '${quotasConfigKey}={"rds-db-instances": 200}'`,
    );
  }
  for (const [id, value] of Object.entries(overrides)) {
    if (!values.has(id)) {
      throw new SiloError(
        "PLAN_CONFIG_INVALID",
        `${quotasConfigKey}: "${id}" is not a quota the kit consumes; use one of: ${[...values.keys()].join(", ")}`,
      );
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      throw new SiloError(
        "PLAN_CONFIG_INVALID",
        `${quotasConfigKey}: "${id}" is ${JSON.stringify(value)}; give the account's quota as a whole number above 0, as Service Quotas shows it`,
      );
    }
    values.set(id, value);
  }
  return values;
}
