import { type RuntimeTenant, runtimeTenantSchema } from "../../../tenants/schema.ts";
import { isTenantId } from "../../../tenants/tenantId.ts";
import { type DatabaseConfig, loadDatabaseConfig } from "../../core/db/databaseConfig.ts";
import { SiloError } from "../../core/errors/siloError.ts";
import { isStringMap } from "../../core/json/isStringMap.ts";

/** Where the handlers run; only `local` and `test` may use the echo model and in-environment secrets. */
export const runtimeEnvironments = ["production", "staging", "local", "test"] as const;

/** Everything a tenant's handler Lambda reads from its environment at cold start. */
export interface TenantRuntimeConfig {
  readonly tenant: RuntimeTenant;
  readonly environment: (typeof runtimeEnvironments)[number];
  readonly database: DatabaseConfig;
  readonly ledgerDatabase: DatabaseConfig;
  /** Bedrock application inference profile ARN per model key (`SILO_MODEL_PROFILE_ARNS`, JSON). */
  readonly modelProfileArns: Readonly<Record<string, string>>;
  /** Secret id of each openai-compatible model key's API key: `<prefix><modelKey>`. */
  readonly providerKeySecretPrefix: string;
  readonly modelCallTimeoutMs: number;
  /** Secret values given in the environment (`SILO_LOCAL_SECRETS`); local platform and tests only. */
  readonly localSecrets?: Readonly<Record<string, string>>;
}

/**
 * Reads a tenant handler's environment, failing at cold start with every problem named:
 * `SILO_TENANT_ID`; `SILO_TENANT_CONFIG` (the validated tenant file as JSON without its contacts, set by the
 * stack: no secrets or personal data in it); `SILO_DB_*` for the tenant's database and `SILO_LEDGER_DB_*` for the usage ledger (same names
 * after the prefix); `SILO_MODEL_PROFILE_ARNS`; `SILO_ENVIRONMENT` (default production).
 *
 * @example
 * const config = loadTenantRuntimeConfig(process.env);
 */
export function loadTenantRuntimeConfig(
  env: Readonly<Record<string, string | undefined>>,
): TenantRuntimeConfig {
  const problems: string[] = [];
  const tenantId = env.SILO_TENANT_ID ?? "";
  if (!isTenantId(tenantId))
    problems.push(`SILO_TENANT_ID must be a tenant id, got ${JSON.stringify(tenantId)}`);

  const tenant = parseJson(env.SILO_TENANT_CONFIG, "SILO_TENANT_CONFIG", problems, (value) => {
    const parsed = runtimeTenantSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(
        `SILO_TENANT_CONFIG is not a valid tenant config: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
      );
      return undefined;
    }
    if (parsed.data.id !== tenantId) {
      problems.push(`SILO_TENANT_CONFIG is for tenant ${parsed.data.id}, but SILO_TENANT_ID is ${tenantId}`);
    }
    return parsed.data;
  });

  const environment = (env.SILO_ENVIRONMENT ?? "production") as TenantRuntimeConfig["environment"];
  if (!runtimeEnvironments.includes(environment)) {
    problems.push(
      `SILO_ENVIRONMENT must be one of ${runtimeEnvironments.join(", ")}, got ${JSON.stringify(environment)}`,
    );
  }
  const database = collect(problems, () => loadDatabaseConfig(env));
  const ledgerDatabase = collect(
    problems,
    () => loadDatabaseConfig(renamePrefix(env, "SILO_LEDGER_DB_", "SILO_DB_")),
    "ledger: ",
  );
  const modelProfileArns =
    parseJson(
      env.SILO_MODEL_PROFILE_ARNS ?? "{}",
      "SILO_MODEL_PROFILE_ARNS",
      problems,
      stringMap("SILO_MODEL_PROFILE_ARNS", "model key to ARN", problems),
    ) ?? {};
  const localSecrets =
    env.SILO_LOCAL_SECRETS === undefined
      ? undefined
      : parseJson(
          env.SILO_LOCAL_SECRETS,
          "SILO_LOCAL_SECRETS",
          problems,
          stringMap("SILO_LOCAL_SECRETS", "secret id to value", problems),
        );
  if (localSecrets !== undefined && environment !== "local" && environment !== "test") {
    problems.push(
      "SILO_LOCAL_SECRETS is only for the local platform and tests; in AWS, secrets come from Secrets Manager",
    );
  }
  const timeout = Number(env.SILO_MODEL_CALL_TIMEOUT_MS ?? 28_000);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 900_000) {
    problems.push("SILO_MODEL_CALL_TIMEOUT_MS must be a whole number of milliseconds from 100 to 900000");
  }
  if (problems.length > 0 || tenant === undefined || database === undefined || ledgerDatabase === undefined) {
    throw new SiloError(
      "TENANT_RUNTIME_CONFIG_INVALID",
      `the tenant handler's environment is invalid:\n${problems.map((problem) => `- ${problem}`).join("\n")}`,
    );
  }
  return {
    tenant,
    environment,
    database,
    ledgerDatabase,
    modelProfileArns,
    providerKeySecretPrefix: env.SILO_PROVIDER_KEY_SECRET_PREFIX ?? `/silo/${tenantId}/providers/`,
    modelCallTimeoutMs: timeout,
    ...(localSecrets ? { localSecrets } : {}),
  };
}

function parseJson<T>(
  raw: string | undefined,
  name: string,
  problems: string[],
  accept: (value: unknown) => T | undefined,
): T | undefined {
  if (raw === undefined || raw.trim() === "") {
    problems.push(`${name} is required`);
    return undefined;
  }
  try {
    return accept(JSON.parse(raw));
  } catch {
    problems.push(`${name} is not valid JSON`);
    return undefined;
  }
}

function collect<T>(problems: string[], load: () => T, prefix = ""): T | undefined {
  try {
    return load();
  } catch (error) {
    const lines = (error as Error).message.split("\n").filter((line) => line.startsWith("- "));
    problems.push(
      ...(lines.length > 0
        ? lines.map((line) => `${prefix}${line.slice(2)}`)
        : [`${prefix}${(error as Error).message}`]),
    );
    return undefined;
  }
}

function renamePrefix(env: Readonly<Record<string, string | undefined>>, from: string, to: string) {
  return Object.fromEntries(
    Object.entries(env)
      .filter(([key]) => key.startsWith(from))
      .map(([key, value]) => [`${to}${key.slice(from.length)}`, value]),
  );
}

/** Accepts a JSON object of strings, or records the problem. */
function stringMap(name: string, what: string, problems: string[]) {
  return (value: unknown): Record<string, string> | undefined => {
    if (isStringMap(value)) return value;
    problems.push(`${name} must be a JSON object of ${what}`);
    return undefined;
  };
}
