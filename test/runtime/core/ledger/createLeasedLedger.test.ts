import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFinanceReport } from "../../../../runtime/cli/ledger/reports/readFinanceReport.ts";
import type { SqlDatabase } from "../../../../runtime/core/db/sqlDatabase.ts";
import {
  createLeasedLedger,
  type LeasedLedgerOptions,
} from "../../../../runtime/core/ledger/createLeasedLedger.ts";
import { createUsageLedger } from "../../../../runtime/core/ledger/createUsageLedger.ts";
import { sweepExpiredReservations } from "../../../../runtime/core/ledger/sweepExpiredReservations.ts";
import { echoCall } from "./support/echoCall.ts";
import { createLedgerTestDatabase } from "./support/ledgerTestDatabase.ts";

let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
const november = () => new Date("2026-11-26T09:00:00Z");
/** An echo call of 1000 + 1000 tokens costs 0.000300 USD before markup. */
const echoUsage = { inputTokens: 1000, outputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 };

beforeAll(async () => {
  ledgerDb = await createLedgerTestDatabase("leases");
});

afterAll(async () => {
  await ledgerDb.close();
});

/** A tenant's leased ledger, with every query it sends counted. */
async function leasedTenant(
  tenantId: string,
  monthlyBudgetUsd: string,
  options: Partial<LeasedLedgerOptions> & { markupPercent?: number } = {},
) {
  const { markupPercent, ...ledgerOptions } = options;
  const { db } = await ledgerDb.connectTenant(tenantId, monthlyBudgetUsd, {
    ...(markupPercent === undefined ? {} : { markupPercent }),
  });
  const statements: string[] = [];
  const counted: SqlDatabase = {
    ...db,
    query: (text, values, queryOptions) => {
      statements.push(text);
      return db.query(text, values, queryOptions);
    },
  };
  const backgroundErrors: string[] = [];
  const ledger = createLeasedLedger(counted, {
    tenantId,
    now: november,
    onBackgroundError: (error, step) => backgroundErrors.push(`${step}: ${String(error)}`),
    ...ledgerOptions,
  });
  return { ledger, db, statements, backgroundErrors };
}

async function budgetRow(tenantId: string) {
  const { rows } = await ledgerDb.admin.query(
    "SELECT reserved_usd::text AS reserved, settled_usd::text AS settled FROM budget_months WHERE tenant_id = $1",
    [tenantId],
  );
  return rows[0] as { reserved: string; settled: string };
}

async function leasesOf(tenantId: string) {
  const { rows } = await ledgerDb.admin.query(
    "SELECT id, status, granted_usd::text AS granted, held_usd::text AS held FROM budget_leases WHERE tenant_id = $1 ORDER BY leased_at",
    [tenantId],
  );
  return rows as { id: string; status: string; granted: string; held: string }[];
}

/** Until the lease asked for in the background is held by the process (a lease is taken off the call's path). */
async function leaseHeld(ledger: { heldLease: () => unknown }): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (ledger.heldLease() !== undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("no lease was taken");
}

describe("createLeasedLedger", () => {
  it("draws calls on a held lease without a round trip before the call", async () => {
    // Prepare: the first call reserves on its own and asks for a lease of 32 calls' worth.
    const { ledger, statements } = await leasedTenant("lease-a", "10");
    const first = await ledger.reserve(echoCall());
    await leaseHeld(ledger);
    await ledger.settle(first.id, echoUsage);
    const before = statements.length;

    // Act
    const drawn = await ledger.reserve(echoCall());
    const sentBeforeTheCall = statements.length - before;
    await ledger.settle(drawn.id, echoUsage);

    // Assess: nothing was sent before reserve returned; the row was written after, then settled.
    expect(sentBeforeTheCall).toBe(0);
    expect(drawn.estimatedCostUsd).toBe("0.000300");
    const { rows } = await ledgerDb.admin.query(
      "SELECT status, cost_usd::text AS cost, lease_id FROM usage_events WHERE id = $1",
      [drawn.id],
    );
    const [lease] = await leasesOf("lease-a");
    expect(rows[0]).toEqual({ status: "settled", cost: "0.000300", lease_id: lease?.id });
    expect(lease).toMatchObject({ status: "open", granted: "0.009600", held: "0.009300" });
    await ledger.close();
  });

  it("writes a drawn call's row within milliseconds, without waiting for its settle", async () => {
    // Prepare
    const { ledger } = await leasedTenant("lease-k", "10", { rowWriteDelayMs: 5 });
    await ledger.reserve(echoCall()).then((entry) => ledger.settle(entry.id, echoUsage));
    await leaseHeld(ledger);

    // Act: a call still in flight.
    const drawn = await ledger.reserve(echoCall());
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Assess: its row is there, reserved, under the lease, before any settle.
    const { rows } = await ledgerDb.admin.query(
      "SELECT status, estimated_cost_usd::text AS estimate, lease_id IS NOT NULL AS leased FROM usage_events WHERE id = $1",
      [drawn.id],
    );
    expect(rows[0]).toEqual({ status: "reserved", estimate: "0.000300", leased: true });
    await ledger.settle(drawn.id, echoUsage);
    await ledger.close();
  });

  it("counts every dollar once: the lease's rest is reserved until returned, then only settlements remain", async () => {
    // Prepare
    const { ledger } = await leasedTenant("lease-b", "10", { markupPercent: 10 });
    const first = await ledger.reserve(echoCall());
    await ledger.settle(first.id, echoUsage);
    await leaseHeld(ledger);

    // Act: ten calls drawn on the lease, settled at their full estimate.
    const drawn = await Promise.all(Array.from({ length: 10 }, () => ledger.reserve(echoCall())));
    await Promise.all(drawn.map((entry) => ledger.settle(entry.id, echoUsage)));
    const whileHeld = await budgetRow("lease-b");
    const spentWhileHeld = await ledger.budget("2026-11-01");
    const financeWhileHeld = await readFinanceReport(ledgerDb.admin, {
      month: "2026-11",
      tenantId: "lease-b",
    });
    await ledger.close();

    // Assess: 11 calls of 0.000330 settled; while held, the lease's rest (32 - 10 calls) is reserved, but is
    // not spend; returned, it is gone.
    expect(whileHeld).toEqual({ reserved: "0.007260", settled: "0.003630" });
    expect(spentWhileHeld.spentUsd).toBe("0.003630");
    expect(financeWhileHeld.tenants[0]?.budget).toMatchObject({
      settledUsd: "0.003630",
      reservedUsd: "0.000000",
      spentUsd: "0.003630",
    });
    expect(await budgetRow("lease-b")).toEqual({ reserved: "0.000000", settled: "0.003630" });
    expect((await leasesOf("lease-b")).map((lease) => lease.status)).toEqual(["returned"]);
  });

  it("leaves exactly one row per call, settled or released", async () => {
    // Prepare
    const { ledger } = await leasedTenant("lease-c", "10");
    await ledger.reserve(echoCall()).then((entry) => ledger.release(entry.id, "MODEL_CALL_FAILED"));
    await leaseHeld(ledger);

    // Act
    const settled = await ledger.reserve(echoCall());
    const released = await ledger.reserve(echoCall());
    await ledger.settle(settled.id, echoUsage);
    await ledger.release(released.id, "MODEL_CALL_FAILED");
    await ledger.close();

    // Assess
    const { rows } = await ledgerDb.admin.query(
      "SELECT status, count(*)::int AS calls FROM usage_events WHERE tenant_id = 'lease-c' GROUP BY status ORDER BY status",
    );
    expect(rows).toEqual([
      { status: "released", calls: 2 },
      { status: "settled", calls: 1 },
    ]);
    expect(await budgetRow("lease-c")).toEqual({ reserved: "0.000000", settled: "0.000300" });
  });

  it("takes no lease near the budget's edge: calls reserve one by one and are refused at the limit", async () => {
    // Prepare: 0.0030 USD is room for 10 calls, less than 4 leases' worth of headroom.
    const { ledger } = await leasedTenant("lease-d", "0.003");

    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => ledger.reserve(echoCall())));
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Assess
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(10);
    const refused = outcomes.find((outcome) => outcome.status === "rejected");
    expect((refused as PromiseRejectedResult).reason.code).toBe("BUDGET_EXCEEDED");
    expect(await leasesOf("lease-d")).toEqual([]);
    await ledger.close();
  });

  it("never overshoots while 20 concurrent calls drain leases and then the last of the budget", async () => {
    // Prepare: room for 25 calls; leases of 2 calls need 8 calls of headroom.
    const { ledger, db } = await leasedTenant("lease-e", "0.0075", { callsPerLease: 2 });
    const refusals: string[] = [];
    await ledger.reserve(echoCall()).then((entry) => ledger.settle(entry.id, echoUsage));
    let settledCalls = 1;
    await leaseHeld(ledger);

    // Act: 20 workers, each calling until refused twice in a row, every call billed at its full estimate;
    // then, leases returned, one caller reserving call by call takes whatever a returning lease still held.
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        let refusedInARow = 0;
        while (refusedInARow < 2) {
          try {
            const entry = await ledger.reserve(echoCall());
            refusedInARow = 0;
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
            await ledger.settle(entry.id, echoUsage);
            settledCalls++;
          } catch (error) {
            refusals.push((error as { code?: string }).code ?? String(error));
            refusedInARow++;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
      }),
    );
    await ledger.close();
    const leasesUsed = (await leasesOf("lease-e")).length;
    const plain = createUsageLedger(db, { tenantId: "lease-e", now: november });
    for (;;) {
      const entry = await plain.reserve(echoCall()).catch((error: { code?: string }) => error.code ?? "");
      if (typeof entry === "string") {
        refusals.push(entry);
        break;
      }
      await plain.settle(entry.id, echoUsage);
      settledCalls++;
    }

    // Assess: exactly the budget, never more; leases were used on the way.
    expect(new Set(refusals)).toEqual(new Set(["BUDGET_EXCEEDED"]));
    expect(settledCalls).toBe(25);
    expect(await budgetRow("lease-e")).toEqual({ reserved: "0.000000", settled: "0.007500" });
    expect(leasesUsed).toBeGreaterThan(0);
  });

  it("is expired by the sweeper when its process never returns it, and gives its rest back", async () => {
    // Prepare: a process takes a lease and dies holding it.
    const { ledger } = await leasedTenant("lease-f", "10");
    const first = await ledger.reserve(echoCall());
    await ledger.settle(first.id, echoUsage);
    await leaseHeld(ledger);

    // Act
    const { expiredLeases } = await sweepExpiredReservations(ledgerDb.admin, new Date(Date.now() + 130_000));

    // Assess
    expect(expiredLeases).toBe(1);
    expect((await leasesOf("lease-f"))[0]).toMatchObject({ status: "expired", held: "0.000000" });
    expect(await budgetRow("lease-f")).toEqual({ reserved: "0.000000", settled: "0.000300" });
  });

  it("records a call drawn on a lease the ledger expired, flagged, whatever the budget says now", async () => {
    // Prepare: the sweeper expires the lease while the process still draws on it.
    const { ledger, backgroundErrors } = await leasedTenant("lease-g", "10");
    await ledger.reserve(echoCall()).then((entry) => ledger.settle(entry.id, echoUsage));
    await leaseHeld(ledger);
    await sweepExpiredReservations(ledgerDb.admin, new Date(Date.now() + 130_000));

    // Act
    const drawn = await ledger.reserve(echoCall());
    const settled = await ledger.settle(drawn.id, echoUsage);

    // Assess
    expect(settled.costUsd).toBe("0.000300");
    expect(backgroundErrors.join("\n")).toMatch(/draw on lease: .*budget lease closed or short/);
    const { rows } = await ledgerDb.admin.query(
      "SELECT status, lease_id, needs_reconciliation FROM usage_events WHERE id = $1",
      [drawn.id],
    );
    expect(rows[0]).toEqual({ status: "settled", lease_id: null, needs_reconciliation: true });
    expect(await budgetRow("lease-g")).toEqual({ reserved: "0.000000", settled: "0.000600" });
    await ledger.close();
  });

  it("stops drawing on a lease once its time is up, and returns it", async () => {
    // Prepare: a clock the test moves.
    let clockMs = 0;
    const { ledger, statements } = await leasedTenant("lease-h", "10", { monotonicMs: () => clockMs });
    await ledger.reserve(echoCall()).then((entry) => ledger.settle(entry.id, echoUsage));
    await leaseHeld(ledger);
    clockMs = 61_000;
    const before = statements.length;

    // Act
    const entry = await ledger.reserve(echoCall());

    // Assess: reserved on its own (a round trip before returning), the old lease returned.
    expect(statements.slice(before).some((text) => text.includes("silo_reserve("))).toBe(true);
    await ledger.settle(entry.id, echoUsage);
    await ledger.close();
    expect((await leasesOf("lease-h")).every((lease) => lease.status !== "open")).toBe(true);
    expect(await budgetRow("lease-h")).toEqual({ reserved: "0.000000", settled: "0.000600" });
  });

  it("keeps leases to their own tenant: another tenant's role neither sees nor returns them", async () => {
    // Prepare: tenant i holds a lease; tenant j connects as its own role.
    const { ledger } = await leasedTenant("lease-i", "10");
    await ledger.reserve(echoCall()).then((entry) => ledger.settle(entry.id, echoUsage));
    await leaseHeld(ledger);
    const [lease] = await leasesOf("lease-i");
    const other = await ledgerDb.connectTenant("lease-j", "10");

    // Act
    const seen = await other.pool.query("SELECT id FROM budget_leases");
    const returned = await other.pool.query("SELECT silo_return_lease($1) AS held", [lease?.id]);
    const taken = await other.pool.query(
      "SELECT outcome FROM silo_lease(gen_random_uuid(), 'lease-i', '2026-11-01', 1, 1, 60)",
    );

    // Assess
    expect(seen.rows).toEqual([]);
    expect(returned.rows[0]).toEqual({ held: null });
    expect(taken.rows).toEqual([{ outcome: "refused" }]);
    expect((await leasesOf("lease-i"))[0]).toMatchObject({ status: "open" });
    await ledger.close();
  });

  it("refuses a drawn call with negative tokens, which would give the lease budget it never had", async () => {
    // Prepare
    const { ledger } = await leasedTenant("lease-l", "10");
    await ledger.reserve(echoCall()).then((entry) => ledger.settle(entry.id, echoUsage));
    await leaseHeld(ledger);
    const [lease] = await leasesOf("lease-l");
    const { pool } = await ledgerDb.connectTenant("lease-l", "10");

    // Act
    const drawn = pool.query(
      `SELECT * FROM silo_reserve_leased(gen_random_uuid(), $1, 'lease-l', '2026-11-01', 'r', 'op', 'echo', 'echo',
         'echo-1', -100000, 0, 0.0001, 0.0002, 0, 0, now() + interval '15 minutes')`,
      [lease?.id],
    );

    // Assess
    await expect(drawn).rejects.toThrow(/usage_events_not_negative/);
    expect((await leasesOf("lease-l"))[0]).toMatchObject({ held: "0.009600" });
    await ledger.close();
  });

  it("stops drawing on its lease when the tenant lowers its budget, so the next call meets the new one", async () => {
    // Prepare
    const { ledger } = await leasedTenant("lease-m", "10");
    await ledger.reserve(echoCall()).then((entry) => ledger.settle(entry.id, echoUsage));
    await leaseHeld(ledger);

    // Act: the budget drops to what is already spent.
    await ledger.setBudget("0.0003", 80);
    const next = ledger.reserve(echoCall());

    // Assess
    await expect(next).rejects.toMatchObject({ code: "BUDGET_EXCEEDED" });
    await ledger.close();
    expect((await leasesOf("lease-m")).map((lease) => lease.status)).toEqual(["returned"]);
    expect(await budgetRow("lease-m")).toEqual({ reserved: "0.000000", settled: "0.000300" });
  });
});
