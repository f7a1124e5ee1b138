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
