import { checkEnvironmentQualifier } from "../../components/common/environmentQualifier.ts";
import { type DatabaseConfig, loadDatabaseConfig } from "../core/db/databaseConfig.ts";
import { SiloError } from "../core/errors/siloError.ts";

/**
 * Reads where the usage ledger is from the ledger-admin Lambda's environment: `SILO_LEDGER_DB_HOST`, `_PORT`,
 * `_NAME`, `_SECRET_ID` (the ledger's master secret) and `_SSL`, the same names the tenant handlers use for
 * the ledger. Fails at cold start with every problem named.
 *
 * @example
 * const config = loadLedgerAdminConfig(process.env);
 */
export function loadLedgerAdminConfig(env: Readonly<Record<string, string | undefined>>): DatabaseConfig {
  const renamed = Object.fromEntries(
    Object.entries(env)
      .filter(([key]) => key.startsWith("SILO_LEDGER_DB_"))
      .map(([key, value]) => [`SILO_DB_${key.slice("SILO_LEDGER_DB_".length)}`, value]),
  );
  try {
    return loadDatabaseConfig(renamed);
  } catch (error) {
    throw new SiloError(
      "LEDGER_ADMIN_CONFIG_INVALID",
      (error as Error).message
        .replace("the tenant database's environment", "the ledger-admin environment")
        .replaceAll("SILO_DB_", "SILO_LEDGER_DB_"),
      { cause: error },
    );
  }
}

/**
 * The shared stack's environment qualifier from `SILO_ENVIRONMENT_QUALIFIER` (set only on a qualified stack,
 * `staging.shared`), or undefined. A malformed value fails at cold start (`LEDGER_ADMIN_CONFIG_INVALID`).
 *
 * @example
 * loadLedgerEnvironmentQualifier({ SILO_ENVIRONMENT_QUALIFIER: "staging" }); // "staging"
 */
export function loadLedgerEnvironmentQualifier(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const value = env.SILO_ENVIRONMENT_QUALIFIER;
  if (value === undefined || value === "") return undefined;
  try {
    return checkEnvironmentQualifier(value);
  } catch (error) {
    throw new SiloError(
      "LEDGER_ADMIN_CONFIG_INVALID",
      `SILO_ENVIRONMENT_QUALIFIER: ${(error as Error).message} (the shared stack sets it from its name)`,
      { cause: error },
    );
  }
}
