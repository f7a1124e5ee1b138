import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepExpiredReservations } from "../../runtime/core/ledger/sweepExpiredReservations.ts";
import { localLedgerDatabase } from "../../runtime/local/provisionLocalDatabases.ts";
import { startLocalPlatform } from "../../runtime/local/startLocalPlatform.ts";

let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let dataDir: string;
let ledger: pg.Client;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-reliability-"));
  platform = await startLocalPlatform({ dataDir, port: 0, log: () => {} });
  ledger = new pg.Client(platform.postgres.url(localLedgerDatabase));
  await ledger.connect();
}, 120_000);

afterAll(async () => {
  await ledger?.end();
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function chat(token: string, content: string): Promise<Response> {
  return fetch(`${platform.url}/globex/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "nova-micro", messages: [{ role: "user", content }], max_tokens: 16 }),
  });
}

describe("a tenant process killed mid-request (kill -9)", () => {
  it("answers 502, restarts the process, and leaves a reservation the sweeper expires for reconciliation", async () => {
    // Prepare: a call that holds its reservation while the (echo) model sleeps
    const token = await platform.mintToken({ tenantId: "globex" });
    const tenant = platform.processes.get("globex")?.process;
    if (!tenant) throw new Error("no globex process");
    const killedPid = tenant.pid;
    const inFlight = chat(token, "[[silo:sleep:3000]]");
    await waitFor(async () => {
      const { rows } = await ledger.query(
        "SELECT count(*)::int AS n FROM usage_events WHERE tenant_id = 'globex' AND status = 'reserved'",
      );
      return rows[0].n === 1;
    });

    // Act
    process.kill(killedPid ?? 0, "SIGKILL");
    const response = await inFlight;
    await waitFor(
      async () => tenant.pid !== killedPid && (await chat(token, "after restart")).status === 200,
    );
    const { rows: dangling } = await ledger.query(
      "SELECT id, status FROM usage_events WHERE tenant_id = 'globex' AND status = 'reserved'",
    );
    const swept = await sweepExpiredReservations(ledger, new Date(Date.now() + 16 * 60 * 1000));

    // Assess
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "GATEWAY_ERROR", error: { type: "server_error" } });
    expect(tenant.pid).not.toBe(killedPid);
    expect(dangling).toHaveLength(1);
    expect(swept.expired).toBe(1);
    const { rows } = await ledger.query(
      "SELECT status, needs_reconciliation FROM usage_events WHERE id = $1",
      [dangling[0].id],
    );
    expect(rows[0]).toEqual({ status: "expired", needs_reconciliation: true });
  }, 60_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not met in time");
}
