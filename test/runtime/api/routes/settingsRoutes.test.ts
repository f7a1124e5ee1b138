import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { settingsRoutes } from "../../../../runtime/api/routes/settingsRoutes.ts";
import { groupHarness } from "../support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const settingsOperations = operationsOf(settingsRoutes);

let tenantDb: TenantTestDatabase;
let api: Awaited<ReturnType<typeof groupHarness>>;

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("settings");
  api = await groupHarness("data", settingsOperations, tenantDb);
});

afterAll(async () => {
  await tenantDb.close();
});

// Tests run in order against one database: the first reads the untouched settings.
describe("settings operations", () => {
  it("answers the tenant file's values before any change, since the database was created", async () => {
    // Prepare
    const { rows } = await tenantDb.pool.query(
      "SELECT applied_at FROM silo_schema_migrations WHERE version = 1",
    );

    // Act
    const response = await api.call("GET /v1/settings");

    // Assess
    expect(response).toEqual({
      status: 200,
      headers: { "content-type": "application/json", "x-request-id": expect.any(String) },
      body: {
        defaultModel: "claude-sonnet",
        systemPrompt: null,
        dataRetentionDays: 2555,
        updatedAt: rows[0].applied_at.toISOString(),
      },
    });
    expect((await tenantDb.pool.query("SELECT 1 FROM tenant_settings")).rowCount).toBe(0);
  });

  it("changes only the fields given, and keeps them", async () => {
    const before = Date.now();

    const first = await api.call("PATCH /v1/settings", { body: { defaultModel: "nova-lite" } });
    const second = await api.call("PATCH /v1/settings", {
      body: { systemPrompt: "Answer in plain English." },
    });
    const read = await api.call("GET /v1/settings");

    expect(first.body).toMatchObject({
      defaultModel: "nova-lite",
      systemPrompt: null,
      dataRetentionDays: 2555,
    });
    expect(second.body).toMatchObject({
      defaultModel: "nova-lite",
      systemPrompt: "Answer in plain English.",
      dataRetentionDays: 2555,
    });
    expect(read.body).toEqual(second.body);
    expect(Date.parse(read.body.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("removes the system prompt with null and changes retention", async () => {
    const response = await api.call("PATCH /v1/settings", {
      body: { systemPrompt: null, dataRetentionDays: 30 },
    });

    expect(response.body).toMatchObject({
      defaultModel: "nova-lite",
      systemPrompt: null,
      dataRetentionDays: 30,
    });
  });

  it("refuses a default model outside the allowlist with 422 SETTING_REFUSED, changing nothing", async () => {
    const before = await api.call("GET /v1/settings");

    const response = await api.call("PATCH /v1/settings", {
      body: { defaultModel: "gpt-4o", dataRetentionDays: 1 },
    });
    const after = await api.call("GET /v1/settings");

    expect(response).toMatchObject({
      status: 422,
      body: {
        code: "SETTING_REFUSED",
        detail:
          'defaultModel "gpt-4o" is not in this tenant\'s model allowlist; use one of: claude-sonnet, nova-lite (the allowlist is set in tenants/acme-health.yaml)',
      },
    });
    expect(after.body).toEqual(before.body);
  });

  it("applies concurrent changes of different fields one after the other", async () => {
    await Promise.all([
      api.call("PATCH /v1/settings", { body: { defaultModel: "claude-sonnet" } }),
      api.call("PATCH /v1/settings", { body: { systemPrompt: "Be brief." } }),
      api.call("PATCH /v1/settings", { body: { dataRetentionDays: 90 } }),
    ]);

    const read = await api.call("GET /v1/settings");

    expect(read.body).toMatchObject({
      defaultModel: "claude-sonnet",
      systemPrompt: "Be brief.",
      dataRetentionDays: 90,
    });
  });

  it("refuses an empty change and out-of-range values with every invalid field", async () => {
    const empty = await api.call("PATCH /v1/settings", { body: {} });
    const invalid = await api.call("PATCH /v1/settings", {
      body: { defaultModel: "Not A Key", systemPrompt: "", dataRetentionDays: 0 },
    });

    expect(empty).toMatchObject({
      status: 400,
      body: {
        code: "VALIDATION_FAILED",
        errors: [
          {
            path: "body",
            message:
              "is empty; give at least one field to change: defaultModel, systemPrompt, dataRetentionDays",
          },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "body.dataRetentionDays",
      "body.defaultModel",
      "body.systemPrompt",
    ]);
  });

  it("audits changes with who made them, not reads", async () => {
    await api.call("GET /v1/settings", { sub: "settings-admin" });
    await api.call("PATCH /v1/settings", { body: { dataRetentionDays: 60 }, sub: "settings-admin" });
    await api.call("PATCH /v1/settings", { body: { defaultModel: "nope" }, sub: "settings-admin" });

    const audit = await tenantDb.pool.query(
      "SELECT action, resource, outcome, status FROM audit_events WHERE subject = 'settings-admin' ORDER BY occurred_at",
    );
    const row = await tenantDb.pool.query("SELECT updated_by FROM tenant_settings");

    expect(audit.rows).toEqual([
      { action: "updateSettings", resource: "settings", outcome: "succeeded", status: 200 },
      { action: "updateSettings", resource: null, outcome: "failed", status: 422 },
    ]);
    expect(row.rows).toEqual([{ updated_by: "settings-admin" }]);
  });
});
