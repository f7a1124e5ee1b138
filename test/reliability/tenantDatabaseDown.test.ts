import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDatabaseNames } from "../../runtime/local/provisionLocalDatabases.ts";
import {
  type ReliabilityPlatform,
  startReliabilityPlatform,
  tenantClient,
  waitFor,
} from "./support/reliabilityPlatform.ts";

let harness: ReliabilityPlatform;
let admin: pg.Client;
let globex: ReturnType<typeof tenantClient>;
let acme: ReturnType<typeof tenantClient>;
const globexDatabase = localDatabaseNames("globex").database;

beforeAll(async () => {
  harness = await startReliabilityPlatform("tenant-db-down");
  const { platform } = harness;
  admin = new pg.Client(platform.postgres.url("postgres"));
  await admin.connect();
  globex = tenantClient(platform, "globex", await platform.mintToken({ tenantId: "globex" }));
  acme = tenantClient(platform, "acme-health", await platform.mintToken({ tenantId: "acme-health" }));
}, 120_000);

afterAll(async () => {
  await admin?.query(`ALTER DATABASE ${globexDatabase} ALLOW_CONNECTIONS true`).catch(() => undefined);
  await admin?.end();
  await harness?.close();
});

/** Takes the tenant's database down: new connections refused, open ones (the tenant's pool) terminated. */
async function takeDown(): Promise<number> {
  await admin.query(`ALTER DATABASE ${globexDatabase} ALLOW_CONNECTIONS false`);
  const { rows } = await admin.query(
    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1",
    [globexDatabase],
  );
  return rows[0].n;
}

async function bringUp(): Promise<void> {
  await admin.query(`ALTER DATABASE ${globexDatabase} ALLOW_CONNECTIONS true`);
}

async function statusAndBody(response: Promise<Response>) {
  const answer = await response;
  const body = (await answer.json()) as Record<string, unknown>;
  return { status: answer.status, type: answer.headers.get("content-type"), body };
}

describe("a tenant's database down, then back", () => {
  it("answers that tenant 503 problem+json, leaves other tenants untouched, and recovers without a restart", async () => {
    // Prepare: a conversation in globex's database, so its pool holds open connections
    const created = await statusAndBody(globex("POST", "/v1/conversations", { title: "before the outage" }));
    expect(created.status).toBe(201);
    const pid = harness.platform.processes.get("globex")?.process.pid;

    // Act: the database goes down
    const terminated = await takeDown();
    const during = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        statusAndBody(
          index % 2 === 0
            ? globex("GET", "/v1/conversations")
            : globex("GET", `/v1/conversations/${created.body.id}`),
        ),
      ),
    );
    const others = await Promise.all([
      statusAndBody(acme("GET", "/v1/conversations")),
      statusAndBody(acme("POST", "/v1/conversations", { title: "during globex's outage" })),
      statusAndBody(
        acme("POST", "/v1/chat/completions", {
          model: "claude-sonnet",
          messages: [{ role: "user", content: "still here?" }],
        }),
      ),
    ]);
    const health = await statusAndBody(globex("GET", "/v1/health"));

    // Assess: globex gets a clear 503, no internals; acme-health is served
    expect(terminated).toBeGreaterThan(0);
    for (const answer of during) {
      expect(answer).toEqual({
        status: 503,
        type: "application/problem+json",
        body: expect.objectContaining({
          status: 503,
          code: "DATABASE_UNAVAILABLE",
          title: "The tenant's database is unavailable",
          detail: "the tenant's database is unavailable; nothing was changed. Retry shortly",
        }),
      });
      expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|silo_tenant|password|\bat .+:\d+:\d+/);
    }
    expect(others.map((answer) => answer.status)).toEqual([200, 201, 200]);
    expect(health.body).toMatchObject({ status: "degraded", checks: { database: "failing", ledger: "ok" } });

    // Act: the database is back
    await bringUp();
    await waitFor(async () => (await globex("GET", "/v1/conversations")).status === 200);
    const after = await statusAndBody(globex("GET", `/v1/conversations/${created.body.id}`));

    // Assess: the same process serves again, with the data it had
    expect(after).toMatchObject({ status: 200, body: { id: created.body.id, title: "before the outage" } });
    expect(harness.platform.processes.get("globex")?.process.pid).toBe(pid);
  }, 60_000);

  it("rides out a restart of the tenant's database (every session killed) under traffic", async () => {
    // Prepare: steady reads and writes on globex, under its 20 requests/s limit
    const pid = harness.platform.processes.get("globex")?.process.pid;
    const statuses: number[] = [];
    let running = true;
    const traffic = (async () => {
      for (let index = 0; running; index++) {
        const response =
          index % 3 === 0
            ? await globex("POST", "/v1/conversations", { title: `restart ${index}` })
            : await globex("GET", "/v1/conversations?limit=5");
        statuses.push(response.status);
        await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 80));
      }
    })();
    await waitFor(async () => statuses.length >= 20);

    // Act: every session of the database is killed, as a restart or failover would
    const terminated = await takeDown();
    await bringUp();
    const atRestart = statuses.length;
    await waitFor(async () => statuses.length >= atRestart + 40);
    running = false;
    await traffic;

    // Assess: at worst a request on a killed connection fails with 503; everything after is served
    const failed = statuses.filter((status) => status !== 200 && status !== 201);
    console.log(
      `database restart under traffic: ${statuses.length} requests, ${terminated} sessions killed, ${failed.length} failed (${failed.join(", ")})`,
    );
    expect(terminated).toBeGreaterThan(0);
    expect(failed.every((status) => status === 503)).toBe(true);
    expect(failed.length).toBeLessThanOrEqual(2);
    expect(statuses.slice(-20).every((status) => status === 200 || status === 201)).toBe(true);
    expect(harness.platform.processes.get("globex")?.process.pid).toBe(pid);
  }, 60_000);
});
