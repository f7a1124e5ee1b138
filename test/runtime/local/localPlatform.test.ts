import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayResponseBody } from "../../../runtime/api/gatewayResponses.ts";
import { routes } from "../../../runtime/api/routes.ts";
import { localFinanceRole, readLocalFinanceLogin } from "../../../runtime/local/localFinanceLogin.ts";
import { localDatabaseNames, localLedgerDatabase } from "../../../runtime/local/provisionLocalDatabases.ts";
import { startLocalPlatform } from "../../../runtime/local/startLocalPlatform.ts";
import { runSilo } from "../cli/captureContext.ts";

let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let dataDir: string;
const tokens = new Map<string, string>();
const logs: Record<string, unknown>[] = [];
const progress: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-e2e-"));
  platform = await startLocalPlatform({
    dataDir,
    port: 0,
    log: (entry) => logs.push(entry),
    progress: (line) => progress.push(line),
  });
  for (const tenant of platform.tenants)
    tokens.set(tenant.id, await platform.mintToken({ tenantId: tenant.id }));
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function token(tenantId: string): string {
  const value = tokens.get(tenantId);
  if (!value) throw new Error(`no token for ${tenantId}`);
  return value;
}

/** A concrete path for a route: ids filled with well-formed values. */
function pathOf(routePath: string): string {
  return routePath.replace(/\{(\w+)\}/g, (_match, name: string) =>
    name === "modelId" ? "claude-sonnet" : "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b",
  );
}

async function settledLedgerRows(): Promise<number> {
  const client = new pg.Client(platform.postgres.url(localLedgerDatabase));
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM usage_events WHERE status = 'settled'",
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe("the local platform, end to end", () => {
  it("is healthy once started", async () => {
    const response = await fetch(`${platform.url}/healthz`);

    expect(response.status).toBe(200);
  });

  it("lets the official openai client complete a chat through the gateway", async () => {
    const client = new OpenAI({
      baseURL: `${platform.url}/acme-health/v1`,
      apiKey: token("acme-health"),
      maxRetries: 0,
    });

    const completion = await client.chat.completions.create({
      model: "claude-sonnet",
      messages: [{ role: "user", content: "hello from the openai client" }],
    });

    expect(completion.choices[0]?.message.content).toBe("echo: hello from the openai client");
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("leaves exactly one settled ledger row per model call", async () => {
    const before = await settledLedgerRows();
    const calls = [];
    for (const tenant of platform.tenants) {
      for (let index = 0; index < 3; index++) {
        calls.push(
          fetch(`${platform.url}/${tenant.id}/v1/chat/completions`, {
            method: "POST",
            headers: { authorization: `Bearer ${token(tenant.id)}`, "content-type": "application/json" },
            body: JSON.stringify({
              model: tenant.models.defaultModel,
              messages: [{ role: "user", content: `call ${index}` }],
              max_tokens: 32,
            }),
          }),
        );
      }
    }

    const statuses = (await Promise.all(calls)).map((response) => response.status);

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect((await settledLedgerRows()) - before).toBe(calls.length);
  });

  it("answers positive controls for every tenant", async () => {
    for (const tenant of platform.tenants) {
      const response = await fetch(`${platform.url}/${tenant.id}/v1/models`, {
        headers: { authorization: `Bearer ${token(tenant.id)}` },
      });
      expect({ tenant: tenant.id, status: response.status }).toEqual({ tenant: tenant.id, status: 200 });
    }
  });

  it("denies every route for every ordered pair of tenants with 403, never reaching the tenant's process", async () => {
    // Prepare
    const pairs = platform.tenants.flatMap((from) =>
      platform.tenants.filter((to) => to.id !== from.id).map((to) => ({ from: from.id, to: to.id })),
    );
    const invocationsBefore = new Map(
      [...platform.processes].map(([id, entry]) => [id, entry.process.invocations]),
    );

    // Act
    const outcomes: Array<{ route: string; from: string; to: string; status: number }> = [];
    for (const route of routes) {
      for (const { from, to } of pairs) {
        const response = await fetch(`${platform.url}/${to}${pathOf(route.path)}`, {
          method: route.method,
          headers: { authorization: `Bearer ${token(from)}`, "content-type": "application/json" },
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: "{}" }),
        });
        await response.arrayBuffer();
        outcomes.push({ route: route.routeKey, from, to, status: response.status });
      }
    }

    // Assess
    expect(outcomes).toHaveLength(routes.length * pairs.length);
    expect(outcomes.filter((outcome) => outcome.status !== 403)).toEqual([]);
    for (const [id, entry] of platform.processes) {
      expect({ tenant: id, invocations: entry.process.invocations }).toEqual({
        tenant: id,
        invocations: invocationsBefore.get(id),
      });
    }
  });

  it("lets a tenant's database role connect to its own database only", async () => {
    // Prepare
    const secrets = JSON.parse(await readFile(join(dataDir, "local-secrets.json"), "utf8")) as Record<
      string,
      { databasePassword: string }
    >;
    const globex = localDatabaseNames("globex");
    const connectAs = async (database: string) => {
      const url = new URL(platform.postgres.url(database));
      const client = new pg.Client({
        host: url.hostname,
        port: Number(url.port),
        database,
        user: globex.user,
        password: secrets.globex?.databasePassword,
      });
      await client.connect();
      await client.end();
    };

    // Act and Assess
    await expect(connectAs(globex.database)).resolves.toBeUndefined();
    await expect(connectAs(localDatabaseNames("acme-health").database)).rejects.toMatchObject({
      code: "42501",
    });
  });

  it("answers 401 without a token and never calls the authorizer", async () => {
    const decisionsBefore = logs.filter((entry) => entry.msg === "authorizer decision").length;

    const response = await fetch(`${platform.url}/acme-health/v1/models`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(
      gatewayResponseBody("UNAUTHORIZED", response.headers.get("x-request-id") ?? ""),
    );
    expect(logs.filter((entry) => entry.msg === "authorizer decision").length).toBe(decisionsBefore);
  });

  it("answers 404 for an unknown tenant or route", async () => {
    const unknownTenant = await fetch(`${platform.url}/nobody/v1/models`, {
      headers: { authorization: `Bearer ${token("globex")}` },
    });
    const unknownRoute = await fetch(`${platform.url}/globex/v1/secrets`, {
      headers: { authorization: `Bearer ${token("globex")}` },
    });

    expect([unknownTenant.status, unknownRoute.status]).toEqual([404, 404]);
  });

  it("writes a JSON access-log line with route key, tenant, status and latency", async () => {
    await fetch(`${platform.url}/globex/v1/models`, {
      headers: { authorization: `Bearer ${token("globex")}` },
    });

    const line = logs.filter((entry) => entry.msg === "access" && entry.tenantId === "globex").at(-1);

    expect(line).toMatchObject({ routeKey: "GET /v1/models", status: 200, tenantId: "globex" });
    expect(typeof line?.latencyMs).toBe("number");
  });

  it("passes each tenant process's request line to the platform's log, with its tenant and request id", async () => {
    // Act
    await fetch(`${platform.url}/initech/v1/models`, {
      headers: { authorization: `Bearer ${token("initech")}` },
    });

    // Assess: the tenant's line arrives over IPC, shortly after the response.
    await expect
      .poll(() => logs.filter((entry) => entry.msg === "request" && entry.tenantId === "initech").length)
      .toBeGreaterThan(0);
    const access = logs.filter((entry) => entry.msg === "access" && entry.tenantId === "initech").at(-1);
    const request = logs.filter((entry) => entry.msg === "request" && entry.tenantId === "initech").at(-1);
    expect(request).toMatchObject({ routeKey: "GET /v1/models", status: 200, requestId: access?.requestId });
  });

  it("lets finance run silo ledger report --format html against it with no setup, as a read-only login", async () => {
    // Prepare: one settled call this month
    await fetch(`${platform.url}/acme-health/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token("acme-health")}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "claude-sonnet", messages: [{ role: "user", content: "for finance" }] }),
    });
    const month = new Date().toISOString().slice(0, 7);

    // Act
    const report = await runSilo(
      "ledger",
      "report",
      "--month",
      month,
      "--format",
      "html",
      "--data-dir",
      dataDir,
    );

    // Assess
    expect(report.exitCode).toBe(0);
    expect(report.stderr).toBe(
      `reading the local platform's ledger (data dir ${dataDir}) as ${localFinanceRole}\n`,
    );
    expect(report.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(report.stdout).toContain(`<title>Usage ledger report ${month}, all tenants</title>`);
    expect(report.stdout).toMatch(/<tr><td>acme-health<\/td><td>claude-sonnet<\/td><td>[1-9]/);
  });

  it("keeps the finance login in a 0600 file and out of the progress lines, and lets it change nothing", async () => {
    // Prepare
    const login = await readLocalFinanceLogin(dataDir);
    const password = decodeURIComponent(new URL(login?.databaseUrl ?? "postgres://x").password);
    const client = new pg.Client(login?.databaseUrl);
    await client.connect();

    // Act
    const read = await client.query("SELECT count(*)::int AS n FROM usage_events");
    const write = await client
      .query("DELETE FROM usage_events")
      .catch((error: { code: string }) => error.code);
    const role = await client.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user",
    );
    await client.end();

    // Assess
    expect(((await stat(platform.financeLoginFile)).mode & 0o777).toString(8)).toBe("600");
    expect(password.length).toBeGreaterThan(20);
    expect(progress.join("\n")).not.toContain(password);
    expect(progress).toContain(
      `finance login ${platform.financeLoginFile} (mode 0600): silo ledger report and reconcile read the ledger`,
    );
    expect(read.rows[0].n).toBeGreaterThan(0);
    expect(write).toBe("42501");
    expect(role.rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });
});
