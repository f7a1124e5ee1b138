import { type RuntimeTenant, runtimeTenantSchema } from "../../../tenants/schema.ts";
import { isTenantId } from "../../../tenants/tenantId.ts";
import { EnvironmentReader } from "../../core/config/environmentReader.ts";
import { type DatabaseConfig, loadDatabaseConfig } from "../../core/db/databaseConfig.ts";
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
  /**
   * Calls' worth of budget each budget lease holds (`SILO_LEDGER_LEASE_CALLS`, default 32); 0 reserves every
   * call on its own (createLeasedLedger.ts, docs/ledger.md).
   */
  readonly ledgerLeaseCalls: number;
  /** Secret values given in the environment (`SILO_LOCAL_SECRETS`); local platform and tests only. */
  readonly localSecrets?: Readonly<Record<string, string>>;
  /**
   * The Bedrock model id each echo model key stands in for (`SILO_LOCAL_BEDROCK_STAND_INS`, JSON): the
   * local platform serves a tenant's Bedrock models with echo, which then refuses what Bedrock would
   * (BedrockStandIn). Local platform and tests only.
   */
  readonly bedrockStandIns?: Readonly<Record<string, string>>;
}

/**
 * Reads a tenant handler's environment, failing at cold start with every problem named:
 * `SILO_TENANT_ID`; `SILO_TENANT_CONFIG` (the validated tenant file as JSON without its contacts, set by the
 * stack: no secrets or personal data in it); `SILO_DB_*` for the tenant's database and `SILO_LEDGER_DB_*` for the usage ledger (same names
 * after the prefix); `SILO_MODEL_PROFILE_ARNS`; `SILO_ENVIRONMENT` (default production); `SILO_MODEL_CALL_TIMEOUT_MS`;
 * `SILO_LEDGER_LEASE_CALLS`.
 *
 * @example
 * const config = loadTenantRuntimeConfig(process.env);
 */
export function loadTenantRuntimeConfig(
  env: Readonly<Record<string, string | undefined>>,
): TenantRuntimeConfig {
  const reader = new EnvironmentReader(env);
  const tenantId = env.SILO_TENANT_ID ?? "";
  if (!isTenantId(tenantId))
    reader.problem(`SILO_TENANT_ID must be a tenant id, got ${JSON.stringify(tenantId)}`);

  const tenant = reader.json("SILO_TENANT_CONFIG", (value) => {
    const parsed = runtimeTenantSchema.safeParse(value);
    if (!parsed.success) {
      reader.problem(
        `SILO_TENANT_CONFIG is not a valid tenant config: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
      );
      return undefined;
    }
    if (parsed.data.id !== tenantId) {
      reader.problem(`SILO_TENANT_CONFIG is for tenant ${parsed.data.id}, but SILO_TENANT_ID is ${tenantId}`);
    }
    return parsed.data;
  });

  const environment = reader.oneOf("SILO_ENVIRONMENT", runtimeEnvironments, "production");
  const database = collect(reader, () => loadDatabaseConfig(env));
  const ledgerDatabase = collect(
    reader,
    () => loadDatabaseConfig(renamePrefix(env, "SILO_LEDGER_DB_", "SILO_DB_")),
    "ledger: ",
  );
  const modelProfileArns =
    reader.json(
      "SILO_MODEL_PROFILE_ARNS",
      stringMap("SILO_MODEL_PROFILE_ARNS", "model key to ARN", reader),
      "{}",
    ) ?? {};
  const localSecrets =
    env.SILO_LOCAL_SECRETS === undefined
      ? undefined
      : reader.json("SILO_LOCAL_SECRETS", stringMap("SILO_LOCAL_SECRETS", "secret id to value", reader));
  if (localSecrets !== undefined && environment !== "local" && environment !== "test") {
    reader.problem(
      "SILO_LOCAL_SECRETS is only for the local platform and tests; in AWS, secrets come from Secrets Manager",
    );
  }
  const bedrockStandIns =
    env.SILO_LOCAL_BEDROCK_STAND_INS === undefined
      ? undefined
      : reader.json(
          "SILO_LOCAL_BEDROCK_STAND_INS",
          stringMap("SILO_LOCAL_BEDROCK_STAND_INS", "model key to Bedrock model id", reader),
        );
  if (bedrockStandIns !== undefined && environment !== "local" && environment !== "test") {
    reader.problem(
      "SILO_LOCAL_BEDROCK_STAND_INS is only for the local platform and tests; in AWS, Bedrock models are called",
    );
  }
  const modelCallTimeoutMs = reader.wholeNumber("SILO_MODEL_CALL_TIMEOUT_MS", 28_000, 100, 900_000);
  const ledgerLeaseCalls = reader.wholeNumber("SILO_LEDGER_LEASE_CALLS", 32, 0, 10_000);
  reader.finish("TENANT_RUNTIME_CONFIG_INVALID", "the tenant handler's environment");
  // Unreachable: each is undefined only when a problem was recorded, and finish threw.
  if (tenant === undefined || database === undefined || ledgerDatabase === undefined) {
    throw new Error("loadTenantRuntimeConfig: a value is missing but no problem was recorded");
  }
  return {
    tenant,
    environment,
    database,
    ledgerDatabase,
    modelProfileArns,
    providerKeySecretPrefix: env.SILO_PROVIDER_KEY_SECRET_PREFIX ?? `/silo/${tenantId}/providers/`,
    modelCallTimeoutMs,
    ledgerLeaseCalls,
    ...(localSecrets ? { localSecrets } : {}),
    ...(bedrockStandIns ? { bedrockStandIns } : {}),
  };
}

/** Runs a nested reader that throws, and records its problems (each prefixed) in `reader`. */
function collect<T>(reader: EnvironmentReader, load: () => T, prefix = ""): T | undefined {
  try {
    return load();
  } catch (error) {
    const lines = (error as Error).message.split("\n").filter((line) => line.startsWith("- "));
    const problems =
      lines.length > 0
        ? lines.map((line) => `${prefix}${line.slice(2)}`)
        : [`${prefix}${(error as Error).message}`];
    for (const problem of problems) reader.problem(problem);
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
function stringMap(name: string, what: string, reader: EnvironmentReader) {
  return (value: unknown): Record<string, string> | undefined => {
    if (isStringMap(value)) return value;
    reader.problem(`${name} must be a JSON object of ${what}`);
    return undefined;
  };
}
