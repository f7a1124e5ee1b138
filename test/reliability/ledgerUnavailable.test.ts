import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../runtime/api/groupOperations.ts";
import { chatRoutes } from "../../runtime/api/routes/chatRoutes.ts";
import { sendMessageRoute } from "../../runtime/api/routes/sendMessageRoute.ts";
import { poolDatabase } from "../../runtime/core/db/poolDatabase.ts";
import type { SqlDatabase } from "../../runtime/core/db/sqlDatabase.ts";
import { createUsageLedger } from "../../runtime/core/ledger/createUsageLedger.ts";
import { createModelRouter } from "../../runtime/core/models/createModelRouter.ts";
import { EchoProvider } from "../../runtime/core/models/echoProvider.ts";
import type { ModelProvider } from "../../runtime/core/models/modelTypes.ts";
import { loadTenant } from "../../runtime/core/tenants/loadTenants.ts";
import { freePort } from "../../runtime/local/freePort.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { groupHarness } from "../runtime/api/support/dataGroupHarness.ts";
import {
  createTenantTestDatabase,
  type TenantTestDatabase,
} from "../runtime/api/support/tenantTestDatabase.ts";
import { createLedgerTestDatabase } from "../runtime/core/ledger/support/ledgerTestDatabase.ts";

const chatOperations = operationsOf([...chatRoutes, sendMessageRoute]);

let tenantDb: TenantTestDatabase;
let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
let deadPool: pg.Pool;
let modelCalls = 0;
let ledgerUp = false;
let chat: Awaited<ReturnType<typeof groupHarness>>;

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("ledger_down");
  ledgerDb = await createLedgerTestDatabase("ledger_down_ledger");
  const base = await loadTenant("acme-health");
  const tenant: TenantConfig = {
    ...base,
    models: {
      allowlist: [{ key: "echo", provider: "echo", modelId: "echo-1", type: "chat" as const }],
      defaultModel: "echo",
      imageUrlHosts: [],
    },
  };
  const live = await ledgerDb.connectTenant(tenant.id, 10);
  // A ledger whose server can be "down" (a port nothing listens on) or back up, without restarting anything.
  deadPool = new pg.Pool({
    host: "127.0.0.1",
    port: await freePort(),
    user: "x",
    password: "x",
    database: "x",
    connectionTimeoutMillis: 500,
  });
  const dead = poolDatabase(deadPool);
  const switchable: SqlDatabase = {
    query: (text, values, options) => (ledgerUp ? live.db : dead).query(text, values, options),
    transaction: (work) => (ledgerUp ? live.db : dead).transaction(work),
  };
  const echo = new EchoProvider();
  const counted: ModelProvider = {
    name: "echo",
    complete: (request, options) => {
      modelCalls++;
      return echo.complete(request, options);
    },
    stream: (request, options) => {
      modelCalls++;
      return echo.stream(request, options);
    },
    embed: (request, options) => {
      modelCalls++;
      return echo.embed(request, options);
    },
  };
  chat = await groupHarness("chat", chatOperations, tenantDb, {
    tenant,
    ledgerDb: switchable,
    ledger: createUsageLedger(switchable, { tenantId: tenant.id }),
    router: createModelRouter({
      tenantId: tenant.id,
      models: tenant.models,
      providers: { echo: counted },
      allowEcho: true,
    }),
  });
});

afterAll(async () => {
  await deadPool.end();
  await tenantDb.close();
  await ledgerDb.close();
});

const completion = () =>
  chat.call("POST /v1/chat/completions", {
    body: { model: "echo", messages: [{ role: "user", content: "metered?" }] },
  });

describe("ledger unavailable", () => {
  it("refuses model calls with 503 before any model call, and resumes by itself when the ledger returns", async () => {
    // Act: the ledger is down
    ledgerUp = false;
    const refused = await completion();

    // Assess
    expect(refused).toMatchObject({ status: 503, body: { code: "LEDGER_UNAVAILABLE" } });
    expect(modelCalls).toBe(0);

    // Act: the ledger is back
    ledgerUp = true;
    const served = await completion();

    // Assess
    expect(served.status).toBe(200);
    expect(modelCalls).toBe(1);
    const { rows } = await ledgerDb.admin.query("SELECT status FROM usage_events");
    expect(rows).toEqual([{ status: "settled" }]);
  });
});
