import { randomBytes } from "node:crypto";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledgerMigrations } from "../../../runtime/core/ledger/ledgerMigrations.ts";
import { tenantLedgerRoleName } from "../../../runtime/core/ledger/provisionTenantLedgerRole.ts";
import { ledgerRoleSecretName } from "../../../runtime/ledgerAdmin/ledgerRoleSecretName.ts";
import { createTestDatabase, type TestDatabase } from "../../support/postgres/testDatabase.ts";

// Roles are cluster-wide: a tenant id of its own keeps this file's role apart from other test files'.
const tenantId = `ledger-admin-${randomBytes(3).toString("hex")}`;
const roleName = tenantLedgerRoleName(tenantId);
const masterSecretId = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-silo-usage-ledger-AbCdEf";
const secretsManager = mockClient(SecretsManagerClient);
let database: TestDatabase;
let handler: typeof import("../../../runtime/ledgerAdmin/handler.ts").handler;

function putTenantSecret(secret: Record<string, string>) {
  secretsManager
    .on(GetSecretValueCommand, { SecretId: ledgerRoleSecretName(tenantId) })
    .resolves({ SecretString: JSON.stringify(secret) });
}

async function asTenant<T>(password: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(database.url);
  url.username = roleName;
  url.password = password;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase("ledger_admin");
  const url = new URL(database.url);
  secretsManager.on(GetSecretValueCommand, { SecretId: masterSecretId }).resolves({
    SecretString: JSON.stringify({ username: url.username, password: decodeURIComponent(url.password) }),
  });
  vi.stubEnv("SILO_LEDGER_DB_HOST", url.hostname);
  vi.stubEnv("SILO_LEDGER_DB_PORT", url.port);
  vi.stubEnv("SILO_LEDGER_DB_NAME", database.name);
  vi.stubEnv("SILO_LEDGER_DB_SECRET_ID", masterSecretId);
  vi.stubEnv("SILO_LEDGER_DB_SSL", "disable");
  // The handler reads its environment at module scope, as in Lambda.
  ({ handler } = await import("../../../runtime/ledgerAdmin/handler.ts"));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  secretsManager.restore();
  await database.drop();
  const admin = new pg.Client(database.serverUrl.replace("{database}", "postgres"));
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS "${roleName}"`);
  await admin.end();
});

describe("ledger-admin handler", () => {
  it("migrates the ledger and provisions the tenant's role with the password from its secret", async () => {
    // Prepare
    putTenantSecret({ username: roleName, password: "first-password-0123456789" });

    // Act
    const report = await handler({ tenantId, monthlyBudgetUsd: 2500 });

    // Assess
    expect(report.roleName).toBe(roleName);
    expect(report.migrations.applied.map((migration) => migration.version)).toEqual(
      ledgerMigrations.map((migration) => migration.version),
    );
    const rows = await asTenant(
      "first-password-0123456789",
      async (client) => (await client.query("SELECT tenant_id, monthly_budget_usd FROM ledger_tenants")).rows,
    );
    expect(rows).toEqual([{ tenant_id: tenantId, monthly_budget_usd: "2500.000000" }]);
  });

  it("is idempotent: a rerun applies no migration, keeps the budget and picks up a rotated password", async () => {
    // Prepare
    putTenantSecret({ username: roleName, password: "rotated-password-0123456789" });

    // Act
    const report = await handler({ tenantId, monthlyBudgetUsd: 9999 });

    // Assess
    expect(report.migrations.applied).toEqual([]);
    const budget = await asTenant(
      "rotated-password-0123456789",
      async (client) =>
        (await client.query("SELECT monthly_budget_usd FROM ledger_tenants")).rows[0]?.monthly_budget_usd,
    );
    expect(budget).toBe("2500.000000");
    await expect(asTenant("first-password-0123456789", async () => undefined)).rejects.toThrow(
      /password authentication failed/,
    );
  });

  it("refuses a ledger secret made out for another role, and a bad event before reading any secret", async () => {
    // Prepare
    putTenantSecret({ username: "silo_ledger_t_someone_else", password: "x".repeat(20) });
    const callsBefore = secretsManager.commandCalls(GetSecretValueCommand).length;

    // Act
    const mismatch = handler({ tenantId, monthlyBudgetUsd: 1 });
    const badEvent = handler({ tenantId: "../etc", monthlyBudgetUsd: 1 });

    // Assess
    await expect(mismatch).rejects.toMatchObject({ code: "LEDGER_ROLE_SECRET_MISMATCH" });
    await expect(mismatch).rejects.toThrow(`set its username to ${roleName}`);
    await expect(badEvent).rejects.toMatchObject({ code: "LEDGER_ADMIN_EVENT_INVALID" });
    expect(secretsManager.commandCalls(GetSecretValueCommand).length - callsBefore).toBe(2);
  });
});
