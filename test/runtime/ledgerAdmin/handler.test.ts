import { randomBytes } from "node:crypto";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { poolDatabase } from "../../../runtime/core/db/poolDatabase.ts";
import { createUsageLedger } from "../../../runtime/core/ledger/createUsageLedger.ts";
import { ledgerMigrations } from "../../../runtime/core/ledger/ledgerMigrations.ts";
import { tenantLedgerRoleName } from "../../../runtime/core/ledger/provisionTenantLedgerRole.ts";
import type { LedgerEnrollmentReport } from "../../../runtime/ledgerAdmin/enrollTenantInLedger.ts";
import { ledgerSweepEvent } from "../../../runtime/ledgerAdmin/ledgerAdminEvent.ts";
import { ledgerRoleSecretName } from "../../../runtime/ledgerAdmin/ledgerRoleSecretName.ts";
import { createTestDatabase, type TestDatabase } from "../../support/postgres/testDatabase.ts";
import { echoCall } from "../core/ledger/support/echoCall.ts";

// Roles are cluster-wide: a tenant id of its own keeps this file's role apart from other test files'.
const tenantId = `ledger-admin-${randomBytes(3).toString("hex")}`;
const roleName = tenantLedgerRoleName(tenantId);
const financeRole = `finance_${randomBytes(3).toString("hex")}`;
const masterSecretId = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-silo-usage-ledger-AbCdEf";
const secretsManager = mockClient(SecretsManagerClient);
let database: TestDatabase;
let handler: typeof import("../../../runtime/ledgerAdmin/handler.ts").handler;

function putTenantSecret(secret: Record<string, string>) {
  secretsManager
    .on(GetSecretValueCommand, { SecretId: ledgerRoleSecretName(tenantId) })
    .resolves({ SecretString: JSON.stringify(secret) });
}

function tenantUrl(password: string): string {
  const url = new URL(database.url);
  url.username = roleName;
  url.password = password;
  return url.toString();
}

async function asTenant<T>(password: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: tenantUrl(password) });
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
  await admin.query(`DROP ROLE IF EXISTS "${financeRole}"`);
  await admin.end();
});

/** Runs the handler with an enrollment event. */
async function enroll(event: Record<string, unknown>): Promise<LedgerEnrollmentReport> {
  return (await handler(event)) as LedgerEnrollmentReport;
}

/** Runs the handler with an event; returns its report and the lines it logged. */
async function invoke(event: unknown) {
  const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    const report = await handler(event);
    const lines = write.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Record<string, unknown>);
    return { report, lines };
  } finally {
    write.mockRestore();
  }
}

/** Runs the handler with the schedule's sweep event; returns its report and the lines it logged. */
async function sweep() {
  return await invoke(JSON.parse(JSON.stringify(ledgerSweepEvent)));
}

/**
 * The event `aws.lambda.Invocation` (lifecycleScope CRUD) sends for a tenant stack's enrollment: the input
 * the component writes, plus the lifecycle object the provider adds.
 */
function lifecycleEvent(action: string, tenant = tenantId) {
  const input = {
    tenantId: tenant,
    monthlyBudgetUsd: 2500,
    revision: { ledgerSecretVersion: "terraform-20260101000000000000000001", ledgerAdminCode: "c2hhMjU2" },
  };
  return { ...input, tf: { action, prev_input: action === "create" ? null : input } };
}

describe("ledger-admin handler, before any tenant is enrolled", () => {
  it("sweeps an unmigrated ledger without failing and without migrating it", async () => {
    // Act
    const { report, lines } = await sweep();

    // Assess
    expect(report).toEqual({ expired: 0, expiredLeases: 0, ledgerMigrated: false });
    expect(lines).toEqual([
      { level: "info", msg: "ledger swept", expired: 0, expiredLeases: 0, ledgerMigrated: false },
    ]);
    const admin = new pg.Client(database.url);
    await admin.connect();
    const { rows } = await admin.query("SELECT to_regclass('usage_events') AS ledger");
    await admin.end();
    expect(rows).toEqual([{ ledger: null }]);
  });
});

describe("ledger-admin handler", () => {
  it("migrates the ledger and provisions the tenant's role with the password from its secret", async () => {
    // Prepare
    putTenantSecret({ username: roleName, password: "first-password-0123456789" });

    // Act
    const report = await enroll({ tenantId, monthlyBudgetUsd: 2500 });

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
    const report = await enroll({ tenantId, monthlyBudgetUsd: 9999 });

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

describe("ledger-admin handler, sweep action", () => {
  it("expires a dangling reservation once, returns its estimate to the budget and logs one line per run", async () => {
    // Prepare: a reservation an hour old with a one-minute deadline, as a crashed chat process leaves it
    const pool = new pg.Pool({ connectionString: tenantUrl("rotated-password-0123456789"), max: 1 });
    const ledger = createUsageLedger(poolDatabase(pool), {
      tenantId,
      now: () => new Date(Date.now() - 3_600_000),
      reservationTtlSeconds: 60,
    });
    const fresh = createUsageLedger(poolDatabase(pool), { tenantId });
    const readRows = async () =>
      (await pool.query("SELECT id, status, needs_reconciliation FROM usage_events ORDER BY status, id"))
        .rows;
    const reservedUsd = async () =>
      (await pool.query("SELECT sum(reserved_usd)::text AS total FROM budget_months")).rows[0]?.total;
    try {
      const dangling = await ledger.reserve(echoCall());
      const live = await fresh.reserve(echoCall());
      const liveEstimate = live.estimatedCostUsd;

      // Act
      const first = await sweep();
      const second = await sweep();

      // Assess
      expect(first.report).toEqual({ expired: 1, expiredLeases: 0, ledgerMigrated: true });
      expect(first.lines).toEqual([
        { level: "warn", msg: "ledger swept", expired: 1, expiredLeases: 0, ledgerMigrated: true },
      ]);
      expect(second.report).toEqual({ expired: 0, expiredLeases: 0, ledgerMigrated: true });
      expect(second.lines).toEqual([
        { level: "info", msg: "ledger swept", expired: 0, expiredLeases: 0, ledgerMigrated: true },
      ]);
      expect(await readRows()).toEqual(
        [
          { id: dangling.id, status: "expired", needs_reconciliation: true },
          { id: live.id, status: "reserved", needs_reconciliation: false },
        ].sort((a, b) => a.status.localeCompare(b.status)),
      );
      expect(await reservedUsd()).toBe(liveEstimate);
    } finally {
      await pool.end();
    }
  });

  it("refuses an unknown action before reading any secret", async () => {
    // Prepare
    const callsBefore = secretsManager.commandCalls(GetSecretValueCommand).length;

    // Act
    const run = handler({ action: "vacuum" });

    // Assess
    await expect(run).rejects.toMatchObject({ code: "LEDGER_ADMIN_EVENT_INVALID" });
    await expect(run).rejects.toThrow('action must be one of enroll, sweep, got "vacuum"');
    expect(secretsManager.commandCalls(GetSecretValueCommand).length).toBe(callsBefore);
  });
});

describe("ledger-admin handler, on the tenant stack's destroy", () => {
  const financePassword = "finance-password-0123456789";
  let finance: pg.Client;

  beforeAll(async () => {
    const admin = new pg.Client(database.url);
    await admin.connect();
    await admin.query(
      `CREATE ROLE ${financeRole} LOGIN PASSWORD '${financePassword}' IN ROLE silo_ledger_finance;
       GRANT CONNECT ON DATABASE "${database.name}" TO ${financeRole}`,
    );
    await admin.end();
    const url = new URL(database.url);
    url.username = financeRole;
    url.password = financePassword;
    finance = new pg.Client({ connectionString: url.toString() });
    await finance.connect();
  });

  afterAll(async () => {
    await finance.end();
  });

  it("disables the tenant's role: no new login, its open sessions ended, every row kept for finance", async () => {
    // Prepare: a session of the tenant still open, as a running chat function holds one
    const open = new pg.Client({ connectionString: tenantUrl("rotated-password-0123456789") });
    const terminated = new Promise<Error>((resolve) => open.on("error", resolve));
    await open.connect();
    const rowsBefore = await readAsFinance();

    // Act
    const { report, lines } = await invoke(lifecycleEvent("delete"));

    // Assess
    expect(report).toEqual({ tenantId, roleName, roleFound: true, sessionsEnded: 1 });
    expect(lines).toEqual([{ level: "info", msg: "ledger tenant disabled", tenantId, sessionsEnded: 1 }]);
    expect((await terminated).message).toMatch(/terminating connection due to administrator command/);
    await open.end().catch(() => undefined);
    await expect(asTenant("rotated-password-0123456789", async () => undefined)).rejects.toMatchObject({
      code: "28000",
      message: expect.stringMatching(/not permitted to log in/),
    });
    expect(rowsBefore.events).toEqual([{ tenant_id: tenantId, entries: 2 }]);
    expect(await readAsFinance()).toEqual(rowsBefore);
  });

  it("is idempotent: a role already disabled, or a tenant never enrolled, is disabled without failing", async () => {
    // Act
    const again = await invoke(lifecycleEvent("delete"));
    const never = await invoke(lifecycleEvent("delete", "never-enrolled"));

    // Assess
    expect(again.report).toEqual({ tenantId, roleName, roleFound: true, sessionsEnded: 0 });
    expect(again.lines).toEqual([
      { level: "info", msg: "ledger tenant disabled", tenantId, sessionsEnded: 0 },
    ]);
    expect(never.report).toEqual({
      tenantId: "never-enrolled",
      roleName: tenantLedgerRoleName("never-enrolled"),
      roleFound: false,
      sessionsEnded: 0,
    });
    await expect(asTenant("rotated-password-0123456789", async () => undefined)).rejects.toMatchObject({
      code: "28000",
    });
  });

  it("re-enables the role when the tenant is enrolled again, on create as on update", async () => {
    // Prepare
    putTenantSecret({ username: roleName, password: "rotated-password-0123456789" });

    // Act
    const created = await invoke(lifecycleEvent("create"));
    const rowsAfterCreate = await asTenant(
      "rotated-password-0123456789",
      async (client) => (await client.query("SELECT count(*)::int AS entries FROM usage_events")).rows,
    );
    await invoke(lifecycleEvent("delete"));
    const updated = await invoke(lifecycleEvent("update"));

    // Assess
    expect(created.lines).toMatchObject([{ msg: "tenant enrolled in ledger", tenantId }]);
    expect(updated.lines).toMatchObject([{ msg: "tenant enrolled in ledger", tenantId }]);
    expect(rowsAfterCreate).toEqual([{ entries: 2 }]);
    const canLogIn = await asTenant("rotated-password-0123456789", async (client) => {
      const { rows } = await client.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = current_user");
      return rows[0]?.rolcanlogin;
    });
    expect(canLogIn).toBe(true);
  });

  it("refuses an unknown lifecycle action before reading any secret", async () => {
    // Prepare
    const callsBefore = secretsManager.commandCalls(GetSecretValueCommand).length;

    // Act
    const run = handler(lifecycleEvent("destroy"));

    // Assess
    await expect(run).rejects.toMatchObject({ code: "LEDGER_ADMIN_EVENT_INVALID" });
    await expect(run).rejects.toThrow('tf.action must be one of create, update, delete, got "destroy"');
    expect(secretsManager.commandCalls(GetSecretValueCommand).length).toBe(callsBefore);
  });

  /** What finance sees of the tenant: its budget row and its entries per tenant. */
  async function readAsFinance() {
    const tenants = await finance.query(
      "SELECT tenant_id, monthly_budget_usd FROM ledger_tenants WHERE tenant_id = $1",
      [tenantId],
    );
    const events = await finance.query(
      "SELECT tenant_id, count(*)::int AS entries FROM usage_events WHERE tenant_id = $1 GROUP BY tenant_id",
      [tenantId],
    );
    return { tenants: tenants.rows, events: events.rows };
  }
});
