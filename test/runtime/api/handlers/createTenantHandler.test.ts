import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "../../../../runtime/api/apiRoutes.ts";
import { bufferedLambdaHandler } from "../../../../runtime/api/handlers/bufferedLambdaHandler.ts";
import { createTenantHandler } from "../../../../runtime/api/handlers/createTenantHandler.ts";
import type { HandlerGroup } from "../../../../runtime/api/routes.ts";
import { loadTenant } from "../../../../runtime/core/tenants/loadTenants.ts";
import { createLedgerTestDatabase } from "../../core/ledger/support/ledgerTestDatabase.ts";
import { type ApiEventInput, apiEvent } from "../support/apiEvent.ts";
import { tenantHandlerEnv } from "../support/tenantHandlerEnv.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

let tenantDb: TenantTestDatabase;
let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
const handlers = new Map<HandlerGroup, Awaited<ReturnType<typeof createTenantHandler>>>();

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("wiring");
  ledgerDb = await createLedgerTestDatabase("wiring_ledger");
  const base = await loadTenant("acme-health");
  const tenant = {
    ...base,
    models: {
      allowlist: [
        ...base.models.allowlist,
        { key: "echo", provider: "echo" as const, modelId: "echo-1", type: "chat" as const },
      ],
      defaultModel: "echo",
      imageUrlHosts: [],
    },
  };
  const ledgerRole = await ledgerDb.connectTenant(tenant.id, 5);
  const env = tenantHandlerEnv({
    tenant,
    tenantDatabase: tenantDb.database,
    ledgerDatabase: ledgerDb.database,
    ledgerRole,
  });
  for (const group of ["chat", "data", "admin"] as const)
    handlers.set(group, await createTenantHandler(group, env));
});

afterAll(async () => {
  for (const handler of handlers.values()) await handler.close();
  await tenantDb.close();
  await ledgerDb.close();
});

async function call(group: HandlerGroup, routeKey: string, input: ApiEventInput = {}) {
  const handler = handlers.get(group);
  if (!handler) throw new Error(`no ${group} handler`);
  const result = await bufferedLambdaHandler(handler)(apiEvent(routeKey, input));
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}

describe("tenant handlers wired from the environment", () => {
  it("reports health of the tenant database and the ledger", async () => {
    const health = await call("data", "GET /v1/health");

    expect(health).toMatchObject({
      status: 200,
      body: { status: "ok", checks: { database: "ok", ledger: "ok" } },
    });
  });

  it("meters a chat completion and reports it in usage summary, daily usage and usage events", async () => {
    const month = new Date().toISOString().slice(0, 7);

    const completion = await call("chat", "POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: "count me" }], max_tokens: 16 },
    });
    const summary = await call("data", "GET /v1/usage/summary", { query: { month } });
    const daily = await call("data", "GET /v1/usage/daily");
    const events = await call("data", "GET /v1/usage/events", { query: { limit: "5", model: "echo" } });

    expect(completion.status).toBe(200);
    expect(summary.body.totals.requests).toBe(1);
    expect(summary.body.byModel).toEqual([expect.objectContaining({ model: "echo", requests: 1 })]);
    expect(summary.body.totals.costUsd).toMatch(/^0\.\d{6}$/);
    expect(daily.body.days.reduce((sum: number, day: { requests: number }) => sum + day.requests, 0)).toBe(1);
    expect(events.body.data).toEqual([
      expect.objectContaining({ model: "echo", status: "settled", operationId: "createChatCompletion" }),
    ]);
  });

  it("reads and changes the budget through the admin group", async () => {
    const before = await call("admin", "GET /v1/budget");
    const changed = await call("admin", "PUT /v1/budget", {
      body: { monthlyBudgetUsd: "2.50", alertThresholdPercent: 75 },
    });

    expect(before.body).toMatchObject({ limitUsd: "5.000000", alertThresholdPercent: 80 });
    expect(changed).toMatchObject({
      status: 200,
      body: { limitUsd: "2.500000", alertThresholdPercent: 75 },
    });
    expect(changed.body.remainingUsd).toMatch(/^2\.\d{6}$/);
  });

  it("refuses a tenant admin's budget above the tenant file's ceiling with 422 (issue #17)", async () => {
    // Act: an ordinary admin token tries to lift the operator's cap
    const lifted = await call("admin", "PUT /v1/budget", {
      body: { monthlyBudgetUsd: "99999999.999999", alertThresholdPercent: 90 },
    });
    const after = await call("admin", "GET /v1/budget");

    // Assess
    expect(lifted).toMatchObject({ status: 422, body: { code: "BUDGET_ABOVE_CEILING" } });
    expect(lifted.body.detail).toContain("ceiling of 5.000000 USD");
    expect(lifted.body.detail).toContain("limits.monthlyBudgetUsd");
    expect(after.body.limitUsd).not.toBe("99999999.999999");
  });

  it("runs conversations, templates, settings and exports through the same wiring", async () => {
    const conversation = await call("data", "POST /v1/conversations", { body: { title: "wired" } });
    const sent = await call("chat", "POST /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: conversation.body.id },
      body: { content: "hello" },
    });
    const settings = await call("data", "GET /v1/settings");
    const exported = await call("admin", "POST /v1/exports", {
      body: { resources: ["conversations", "messages"] },
    });

    expect(sent.status).toBe(201);
    expect(settings.body.defaultModel).toBe("echo");
    expect(exported.status).toBe(202);
    expect(exported.body.download.url).toBe(
      `http://127.0.0.1:8080/acme-health/v1/exports/${exported.body.id}/download`,
    );
  });

  it("serves an export's file at its download link, base64 in the Lambda result, matching the job's SHA-256", async () => {
    // Prepare
    const exported = await call("admin", "POST /v1/exports", { body: { resources: ["settings"] } });
    const admin = handlers.get("admin");
    if (!admin) throw new Error("no admin handler");

    // Act
    const result = await bufferedLambdaHandler(admin)(
      apiEvent("GET /v1/exports/{exportId}/download", { pathParameters: { exportId: exported.body.id } }),
    );

    // Assess
    const file = Buffer.from(result.body ?? "", "base64");
    expect(result).toMatchObject({
      statusCode: 200,
      isBase64Encoded: true,
      headers: { "content-type": "application/jsonl", etag: `"${exported.body.download.sha256}"` },
    });
    expect(createHash("sha256").update(file).digest("hex")).toBe(exported.body.download.sha256);
    expect(file.length).toBe(exported.body.download.sizeBytes);
  });

  it("fails at cold start, naming every problem, when the environment is incomplete", async () => {
    const error = await createTenantHandler("chat", { SILO_TENANT_ID: "Acme" }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({ code: "TENANT_RUNTIME_CONFIG_INVALID" });
    expect((error as Error).message).toMatch(/SILO_TENANT_ID must be a tenant id, got "Acme"/);
    expect((error as Error).message).toMatch(/SILO_TENANT_CONFIG is required/);
    expect((error as Error).message).toMatch(/SILO_DB_HOST is required/);
    expect((error as Error).message).toMatch(/ledger: SILO_DB_HOST is required/);
  });

  it("refuses secrets in the environment outside local and test", async () => {
    const error = await createTenantHandler("chat", {
      SILO_TENANT_ID: "acme-health",
      SILO_ENVIRONMENT: "production",
      SILO_LOCAL_SECRETS: "{}",
    }).catch((caught: unknown) => caught);

    expect((error as Error).message).toMatch(/SILO_LOCAL_SECRETS is only for the local platform and tests/);
  });

  it("refuses echo standing in for Bedrock models outside local and test", async () => {
    const error = await createTenantHandler("chat", {
      SILO_TENANT_ID: "acme-health",
      SILO_ENVIRONMENT: "staging",
      SILO_LOCAL_BEDROCK_STAND_INS: '{"claude-sonnet":"anthropic.claude-sonnet-4-20250514-v1:0"}',
    }).catch((caught: unknown) => caught);

    expect((error as Error).message).toMatch(
      /SILO_LOCAL_BEDROCK_STAND_INS is only for the local platform and tests/,
    );
  });

  const listRoutes = apiRoutes.filter((route) => route.query?.keyof().options.includes("cursor"));
  const forgedCursors = [
    ["not-a-date", "x"],
    ["2026-11-26T09:00:00.000000Z", "not-a-uuid"],
    ["2026-02-30T00:00:00.000000Z", "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b"],
    ["99999999999999999999", "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b"],
    ["a\u0000b", "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b"],
    ["2026-11-26T09:00:00.000000Z", "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b", "extra"],
  ].map((position) => Buffer.from(JSON.stringify(position)).toString("base64url"));

  it.each(listRoutes.map((route) => [route.routeKey, route] as const))(
    "answers a forged cursor on %s with 400 naming query.cursor, never 500 (issue #17)",
    async (routeKey, route) => {
      // Prepare: a real conversation, for the messages list
      const conversation = await call("data", "POST /v1/conversations", { body: { title: "cursor" } });

      // Act
      const answers = [];
      for (const cursor of forgedCursors) {
        answers.push(
          await call(route.group, routeKey, {
            pathParameters: { conversationId: conversation.body.id },
            query: { cursor },
          }),
        );
      }

      // Assess: a cursor that is not well formed for the list is a 400; a well-formed one (a template name
      // may look like a date) pages from where it says. Nothing reaches a failed cast.
      expect(answers[0]).toMatchObject({
        status: 400,
        body: { code: "VALIDATION_FAILED", errors: [expect.objectContaining({ path: "query.cursor" })] },
      });
      for (const answer of answers) {
        expect([200, 400], JSON.stringify(answer.body)).toContain(answer.status);
        if (answer.status === 400) expect(answer.body.errors[0].path).toBe("query.cursor");
      }
    },
  );
});
