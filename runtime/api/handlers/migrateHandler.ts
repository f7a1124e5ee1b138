/**
 * Lambda entry of the tenant's deploy-time migration function: brings the tenant's database schema up to
 * date. The tenant stack invokes it after the database is created and before traffic is routed; it is
 * safe to run again (migrations already applied are skipped, concurrent runs take turns).
 */
import { connectClient } from "../../core/db/connectClient.ts";
import { loadDatabaseConfig } from "../../core/db/databaseConfig.ts";
import { tenantMigrations } from "../../core/db/tenantMigrations.ts";
import { jsonLineLog } from "../../core/logging/jsonLogger.ts";
import { type MigrationReport, runMigrations } from "../../core/migrations/runMigrations.ts";
import { parseDatabaseSecret } from "../../core/secrets/parseDatabaseSecret.ts";

const log = jsonLineLog();

export async function handler(): Promise<MigrationReport> {
  const config = loadDatabaseConfig(process.env);
  const { SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
  const { createSecretsManagerSource } = await import("../../core/secrets/secretsManagerSource.ts");
  const secrets = createSecretsManagerSource({ client: new SecretsManagerClient({}), ttlMs: 60_000 });
  const credentials = parseDatabaseSecret(await secrets.getSecret(config.secretId), config.secretId);
  // One session for the whole run: the runner's advisory lock and per-migration transactions need it.
  const client = await connectClient(config, credentials, "silo-migrate");
  try {
    const report = await runMigrations(client, tenantMigrations, { lockName: "silo:tenant" });
    log({ level: "info", msg: "tenant migrations", ...report });
    return report;
  } finally {
    await client.end();
  }
}
