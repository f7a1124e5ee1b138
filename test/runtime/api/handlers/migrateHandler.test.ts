import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handler } from "../../../../runtime/api/handlers/migrateHandler.ts";
import { tenantMigrations } from "../../../../runtime/core/db/tenantMigrations.ts";
import { createTestDatabase, type TestDatabase } from "../../../support/postgres/testDatabase.ts";

let database: TestDatabase;
const secretsManager = mockClient(SecretsManagerClient);

beforeAll(async () => {
  database = await createTestDatabase("migrate");
  const url = new URL(database.url);
  secretsManager.on(GetSecretValueCommand, { SecretId: "/silo/acme-health/database" }).resolves({
    SecretString: JSON.stringify({ username: url.username, password: decodeURIComponent(url.password) }),
  });
  vi.stubEnv("SILO_DB_HOST", url.hostname);
  vi.stubEnv("SILO_DB_PORT", url.port);
  vi.stubEnv("SILO_DB_NAME", database.name);
  vi.stubEnv("SILO_DB_SECRET_ID", "/silo/acme-health/database");
  vi.stubEnv("SILO_DB_SSL", "disable");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  secretsManager.restore();
  await database.drop();
});

describe("deploy-time migration handler", () => {
  it("applies every tenant migration with credentials from Secrets Manager, then nothing on a second run", async () => {
    // Act
    const first = await handler();
    const second = await handler();

    // Assess
    expect(first.applied.map((migration) => migration.version)).toEqual(
      tenantMigrations.map((migration) => migration.version),
    );
    expect(second).toEqual({ applied: [], alreadyApplied: tenantMigrations.length });
    const client = new pg.Client(database.url);
    await client.connect();
    const { rows } = await client.query("SELECT to_regclass('public.conversations') IS NOT NULL AS exists");
    await client.end();
    expect(rows[0].exists).toBe(true);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
