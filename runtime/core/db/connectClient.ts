import pg from "pg";
import type { DatabaseConfig } from "./databaseConfig.ts";

/**
 * One dedicated, connected `pg.Client` (not a pool) for work that needs a single session: migrations
 * (their advisory lock and per-migration transactions) and ledger provisioning.
 *
 * @example
 * const client = await connectClient(config, credentials, "silo-migrate");
 */
export async function connectClient(
  config: DatabaseConfig,
  credentials: { readonly username: string; readonly password: string },
  applicationName: string,
): Promise<pg.Client> {
  const client = new pg.Client({
    host: config.host,
    port: config.port,
    database: config.database,
    user: credentials.username,
    password: credentials.password,
    ssl: config.ssl === "require" ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: config.connectTimeoutMs,
    application_name: applicationName,
  });
  await client.connect();
  return client;
}
