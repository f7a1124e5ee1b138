import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepExpiredReservations } from "../../../../runtime/core/ledger/sweepExpiredReservations.ts";
import { echoCall } from "./support/echoCall.ts";
import { createLedgerTestDatabase } from "./support/ledgerTestDatabase.ts";

let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
const frozenNow = () => new Date("2026-11-26T09:00:00Z");

beforeAll(async () => {
  ledgerDb = await createLedgerTestDatabase("ledger");
});

afterAll(async () => {
  await ledgerDb.close();
});

async function statusOf(id: string): Promise<string> {
  const { rows } = await ledgerDb.admin.query("SELECT status FROM usage_events WHERE id = $1", [id]);
  return rows[0]?.status;
}

describe("durability of the two phases", () => {
  it("commits a reservation without waiting for the flush, and a settlement only after it", async () => {
    // Prepare: a transaction of the tenant's own, to read the setting each phase leaves for its commit.
    const { pool, ledger } = await ledgerDb.tenantLedger("durable-a", 10, { now: frozenNow });
    const client = await pool.connect();
    const settingAfter = async (statement: string, values: unknown[]) => {
      await client.query("BEGIN");
      try {
        await client.query(statement, values);
        const { rows } = await client.query("SELECT current_setting('synchronous_commit') AS value");
        return rows[0]?.value as string;
      } finally {
        await client.query("ROLLBACK");
      }
    };
    const reserved = await ledger.reserve(echoCall());

    try {
      // Act
      const reserveSetting = await settingAfter(
        `SELECT * FROM silo_reserve($1, 'durable-a', '2026-11-01', $2, 'op', 'echo', 'echo', 'echo-1', 10, 10,
           0.0001, 0.0002, 0, 0, now() + interval '15 minutes')`,
        [randomUUID(), randomUUID()],
      );
      const settleSetting = await settingAfter("SELECT * FROM silo_settle($1, 5, 5, 0, 0)", [reserved.id]);

      // Assess
      expect(reserveSetting).toBe("off");
      expect(settleSetting).toBe("on");
    } finally {
      client.release();
    }
  });
});

describe("two-phase metering", () => {
  it("reserves a priced estimate, then settles at the exact provider-reported cost", async () => {
    // Prepare
    const { ledger } = await ledgerDb.tenantLedger("meter-a", 10, { now: frozenNow });

    // Act
    const reserved = await ledger.reserve(echoCall());
    const during = await ledger.budget();
    const settled = await ledger.settle(reserved.id, {
      inputTokens: 1234,
      outputTokens: 567,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    const after = await ledger.budget();

    // Assess: estimate = (1000 * 0.0001 + 1000 * 0.0002) / 1000; cost = (1234 * 0.0001 + 567 * 0.0002) / 1000
    expect(reserved.estimatedCostUsd).toBe("0.000300");
    expect(during.spentUsd).toBe("0.000300");
    expect(settled).toEqual({ costUsd: "0.000237", providerCostUsd: "0.000237" });
    expect(after).toMatchObject({ month: "2026-11", limitUsd: "10.000000", spentUsd: "0.000237" });
    expect(after.resetsAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(await statusOf(reserved.id)).toBe("settled");
  });

  it("applies the tenant's markup to the billed cost but not to the provider cost", async () => {
    const { ledger } = await ledgerDb.tenantLedger("meter-markup", 10, { now: frozenNow, markupPercent: 25 });

    const reserved = await ledger.reserve(echoCall());
    const settled = await ledger.settle(reserved.id, {
      inputTokens: 2000,
      outputTokens: 1000,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });

    expect(settled).toEqual({ costUsd: "0.000500", providerCostUsd: "0.000400" });
  });

  it("releases a reservation when the call fails, returning its estimate to the budget", async () => {
    const { ledger } = await ledgerDb.tenantLedger("meter-release", 10, { now: frozenNow });
    const reserved = await ledger.reserve(echoCall());

    await ledger.release(reserved.id, "MODEL_TIMEOUT");

    expect((await ledger.budget()).spentUsd).toBe("0.000000");
    expect(await statusOf(reserved.id)).toBe("released");
  });

  it("does not double-count idempotent replays of reserve, settle and release", async () => {
    const { ledger } = await ledgerDb.tenantLedger("meter-replay", 10, { now: frozenNow });
    const id = randomUUID();
    const usage = { inputTokens: 1000, outputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 };

    await ledger.reserve(echoCall({ id }));
    await ledger.reserve(echoCall({ id }));
    const first = await ledger.settle(id, usage);
    const replay = await ledger.settle(id, usage);
    await ledger.release(id, "late failure after settle");

    expect(replay).toEqual(first);
    expect((await ledger.budget()).spentUsd).toBe("0.000300");
    const { rows } = await ledgerDb.admin.query(
      "SELECT count(*)::int AS n FROM usage_events WHERE tenant_id = 'meter-replay'",
    );
    expect(rows[0].n).toBe(1);
  });
});

describe("budgets", () => {
  it("refuses a call the remaining budget cannot cover, naming spend, limit and reset", async () => {
    const { ledger } = await ledgerDb.tenantLedger("budget-block", "0.000500", { now: frozenNow });
    await ledger.reserve(echoCall());

    const error = await ledger.reserve(echoCall()).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "BUDGET_EXCEEDED", resetsAt: new Date("2026-12-01T00:00:00.000Z") });
    expect((error as Error).message).toBe(
      "tenant budget-block has spent 0.000300 of its 0.000500 USD budget for 2026-11; this call could cost up to 0.000300 USD. " +
        "The budget resets at 2026-12-01T00:00:00.000Z; ask an admin to raise it (PUT /v1/budget) or lower max_tokens",
    );
    const { rows } = await ledgerDb.admin.query(
      "SELECT count(*)::int AS n FROM usage_events WHERE tenant_id = 'budget-block'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("never overshoots when 50 concurrent calls race for the last of the budget", async () => {
    // Prepare: room for exactly 10 reservations of 0.000300
    const { ledger } = await ledgerDb.tenantLedger("budget-race", "0.003000", {
      now: frozenNow,
      poolSize: 20,
    });

    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => ledger.reserve(echoCall())));

    // Assess
    const allowed = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(allowed).toHaveLength(10);
    expect(refused.every((outcome) => (outcome.reason as { code?: string }).code === "BUDGET_EXCEEDED")).toBe(
      true,
    );
    const budget = await ledger.budget();
    expect(budget.spentUsd).toBe("0.003000");
  });

  it("lets an admin change the budget through the tenant's own role, up to the operator's ceiling", async () => {
    const { ledger } = await ledgerDb.tenantLedger("budget-raise", "300", { now: frozenNow });

    await ledger.setBudget("100", 70);
    await ledger.setBudget("250.50", 90);

    expect(await ledger.budget()).toMatchObject({ limitUsd: "250.500000", alertThresholdPercent: 90 });
  });

  it("refuses a budget above the tenant file's ceiling, naming the ceiling and who raises it (issue #17)", async () => {
    // Prepare
    const { ledger } = await ledgerDb.tenantLedger("budget-cap", "500", { now: frozenNow });

    // Act
    const refused = await ledger.setBudget("99999999.999999", 90).catch((error: unknown) => error);

    // Assess
    expect(refused).toMatchObject({
      code: "BUDGET_ABOVE_CEILING",
      message:
        "monthlyBudgetUsd 99999999.999999 is above tenant budget-cap's ceiling of 500.000000 USD, set by the platform " +
        "team in tenants/budget-cap.yaml (limits.monthlyBudgetUsd); send at most 500.000000, or ask the platform team " +
        "to raise limits.monthlyBudgetUsd and redeploy",
    });
    expect(await ledger.budget()).toMatchObject({ limitUsd: "500.000000", alertThresholdPercent: 80 });
  });

  it("holds the ceiling in the ledger itself: the tenant's role cannot lift it, its ceiling or its markup", async () => {
    // Prepare
    const { pool } = await ledgerDb.connectTenant("budget-direct", "500");
    const attempt = (sql: string) =>
      pool.query(sql).then(
        () => "changed",
        (error: { code?: string }) => error.code,
      );

    // Act
    const budget = await attempt("UPDATE ledger_tenants SET monthly_budget_usd = 99999999");
    const ceiling = await attempt("UPDATE ledger_tenants SET budget_ceiling_usd = 99999999");
    const markup = await attempt("UPDATE ledger_tenants SET markup_percent = 0");

    // Assess: check_violation, then insufficient_privilege twice
    expect([budget, ceiling, markup]).toEqual(["23514", "42501", "42501"]);
  });

  it("keeps a tenant's lower budget on re-enrollment and lowers it to a lowered ceiling", async () => {
    // Prepare
    const { ledger } = await ledgerDb.tenantLedger("budget-again", "500", { now: frozenNow });
    await ledger.setBudget("200", 80);

    const budgetNow = async () =>
      (
        await ledgerDb.admin.query(
          "SELECT monthly_budget_usd::text AS budget FROM ledger_tenants WHERE tenant_id = 'budget-again'",
        )
      ).rows[0]?.budget;

    // Act: the deploy runs enrollment again, after the platform team changed the tenant file
    await ledgerDb.connectTenant("budget-again", "1000");
    const afterRaisedCeiling = await budgetNow();
    await ledgerDb.connectTenant("budget-again", "150");
    const afterLoweredCeiling = await budgetNow();

    // Assess
    expect(afterRaisedCeiling).toBe("200.000000");
    expect(afterLoweredCeiling).toBe("150.000000");
  });

  it("starts each calendar month (UTC) from zero", async () => {
    let now = new Date("2026-11-30T23:59:59Z");
    const { ledger } = await ledgerDb.tenantLedger("budget-month", "0.000300", { now: () => now });
    await ledger.reserve(echoCall());

    now = new Date("2026-12-01T00:00:00Z");
    const december = await ledger.reserve(echoCall());

    expect(december.estimatedCostUsd).toBe("0.000300");
    expect((await ledger.budget("2026-11-01")).spentUsd).toBe("0.000300");
    expect((await ledger.budget("2026-12-01")).spentUsd).toBe("0.000300");
  });
});

describe("crash between reserve and settle", () => {
  it("leaves a reservation that the sweeper expires, returns to the budget and flags for reconciliation", async () => {
    // Prepare: a reservation whose process "died"
    let now = new Date("2026-11-26T09:00:00Z");
    const { ledger } = await ledgerDb.tenantLedger("crash", 10, {
      now: () => now,
      reservationTtlSeconds: 60,
    });
    const dangling = await ledger.reserve(echoCall());

    // Act
    const early = await sweepExpiredReservations(ledgerDb.admin, new Date("2026-11-26T09:00:30Z"));
    const late = await sweepExpiredReservations(ledgerDb.admin, new Date("2026-11-26T09:01:01Z"));

    // Assess
    expect(early.expired).toBe(0);
    expect(late.expired).toBe(1);
    const { rows } = await ledgerDb.admin.query(
      "SELECT status, needs_reconciliation FROM usage_events WHERE id = $1",
      [dangling.id],
    );
    expect(rows[0]).toEqual({ status: "expired", needs_reconciliation: true });
    now = new Date("2026-11-26T09:02:00Z");
    expect((await ledger.budget()).spentUsd).toBe("0.000000");
  });

  it("still settles a late answer for an expired reservation, counting it once", async () => {
    const { ledger } = await ledgerDb.tenantLedger("crash-late", 10, {
      now: frozenNow,
      reservationTtlSeconds: 1,
    });
    const entry = await ledger.reserve(echoCall());
    await sweepExpiredReservations(ledgerDb.admin, new Date("2026-11-26T09:00:02Z"));

    await ledger.settle(entry.id, {
      inputTokens: 1000,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });

    expect((await ledger.budget()).spentUsd).toBe("0.000100");
    expect(await statusOf(entry.id)).toBe("settled");
  });
});

describe("row-level security", () => {
  it("keeps each tenant role to its own rows; finance reads all", async () => {
    // Prepare
    const tenantA = await ledgerDb.tenantLedger("rls-a", 10, { now: frozenNow });
    const tenantB = await ledgerDb.tenantLedger("rls-b", 10, { now: frozenNow });
    const entryB = await tenantB.ledger.reserve(echoCall());
    await tenantA.ledger.reserve(echoCall());

    // Act: tenant A's role tries to read, change and forge tenant B's rows
    const visible = await tenantA.pool.query("SELECT DISTINCT tenant_id FROM usage_events");
    const updated = await tenantA.pool.query("UPDATE usage_events SET status = 'released' WHERE id = $1", [
      entryB.id,
    ]);
    const budgetUpdate = await tenantA.pool.query(
      "UPDATE ledger_tenants SET monthly_budget_usd = 0 WHERE tenant_id = 'rls-b'",
    );
    const forged = await tenantA.pool
      .query(
        `INSERT INTO usage_events (id, tenant_id, month, request_id, operation_id, model_key, provider, provider_model_id,
           status, estimated_cost_usd, input_price_per_1k, output_price_per_1k, cache_read_price_per_1k,
           cache_write_price_per_1k, markup_percent, expires_at)
         VALUES ($1, 'rls-b', '2026-11-01', 'r', 'o', 'echo', 'echo', 'echo-1', 'settled', 0, 0, 0, 0, 0, 0, now())`,
        [randomUUID()],
      )
      .catch((error: unknown) => error);
    const roleMapping = await tenantA.pool
      .query("SELECT * FROM ledger_roles")
      .catch((error: unknown) => error);

    // Assess
    expect(visible.rows).toEqual([{ tenant_id: "rls-a" }]);
    expect(updated.rowCount).toBe(0);
    expect(budgetUpdate.rowCount).toBe(0);
    expect((forged as Error).message).toMatch(/row-level security/);
    expect((roleMapping as Error).message).toMatch(/permission denied/);
    expect(await statusOf(entryB.id)).toBe("reserved");

    const finance = await ledgerDb.admin.query(
      "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE silo_ledger_finance', $1::text, 'finance-pw') AS sql",
      [`${ledgerDb.rolePrefix}finance`],
    );
    await ledgerDb.admin.query(finance.rows[0].sql);
    await ledgerDb.admin.query(
      `GRANT CONNECT ON DATABASE "${ledgerDb.database.name}" TO "${ledgerDb.rolePrefix}finance"`,
    );
    const url = new URL(ledgerDb.database.url);
    url.username = `${ledgerDb.rolePrefix}finance`;
    url.password = "finance-pw";
    const financeClient = new pg.Client(url.toString());
    await financeClient.connect();
    const all = await financeClient.query(
      "SELECT DISTINCT tenant_id FROM usage_events WHERE tenant_id LIKE 'rls-%' ORDER BY 1",
    );
    const financeWrite = await financeClient
      .query("UPDATE usage_events SET status = 'released'")
      .catch((error: unknown) => error);
    await financeClient.end();
    await ledgerDb.admin.query(
      `DROP OWNED BY "${ledgerDb.rolePrefix}finance"; DROP ROLE "${ledgerDb.rolePrefix}finance"`,
    );
    expect(all.rows).toEqual([{ tenant_id: "rls-a" }, { tenant_id: "rls-b" }]);
    expect((financeWrite as Error).message).toMatch(/permission denied/);
  });

  it("provisions idempotently and keeps a budget changed through the API", async () => {
    const first = await ledgerDb.tenantLedger("provision-twice", 100, { now: frozenNow });
    await first.ledger.setBudget("42", 80);

    const again = await ledgerDb.tenantLedger("provision-twice", 100, { now: frozenNow });

    expect(again.roleName).toBe(first.roleName);
    expect((await again.ledger.budget()).limitUsd).toBe("42.000000");
  });
});
