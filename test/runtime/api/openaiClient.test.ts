import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroupHandler } from "../../../runtime/api/createGroupHandler.ts";
import { operationsOf } from "../../../runtime/api/groupOperations.ts";
import { bufferedLambdaHandler } from "../../../runtime/api/handlers/bufferedLambdaHandler.ts";
import { matchRoute } from "../../../runtime/api/matchRoute.ts";
import type { ChatDeps } from "../../../runtime/api/routes/chatDeps.ts";
import { chatRoutes } from "../../../runtime/api/routes/chatRoutes.ts";
import { sendMessageRoute } from "../../../runtime/api/routes/sendMessageRoute.ts";
import { createUsageLedger } from "../../../runtime/core/ledger/createUsageLedger.ts";
import { createModelRouter } from "../../../runtime/core/models/createModelRouter.ts";
import { EchoProvider } from "../../../runtime/core/models/echoProvider.ts";
import { loadTenant } from "../../../runtime/core/tenants/loadTenants.ts";
import { readBody, toApiGatewayEvent, writeLambdaResult } from "../../../runtime/local/lambdaHttpAdapter.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";
import { createLedgerTestDatabase } from "../core/ledger/support/ledgerTestDatabase.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "./support/tenantTestDatabase.ts";

const chatOperations = operationsOf([...chatRoutes, sendMessageRoute]);

let tenantDb: TenantTestDatabase;
let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
let server: Server;
let client: OpenAI;

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("openai_client");
  ledgerDb = await createLedgerTestDatabase("openai_client_ledger");
  const base = await loadTenant("acme-health");
  const tenant: TenantConfig = {
    ...base,
    models: {
      allowlist: [
        ...base.models.allowlist,
        { key: "echo", provider: "echo", modelId: "echo-1", type: "chat" as const },
      ],
      defaultModel: "echo",
      imageUrlHosts: [],
    },
  };
  const { db: ledgerConnection } = await ledgerDb.connectTenant(tenant.id, 10);
  const deps: ChatDeps = {
    db: tenantDb.db,
    tenant,
    ledgerDb: ledgerConnection,
    ledger: createUsageLedger(ledgerConnection, { tenantId: tenant.id }),
    router: createModelRouter({
      tenantId: tenant.id,
      models: tenant.models,
      providers: { echo: new EchoProvider() },
      allowEcho: true,
    }),
  };
  const handler = createGroupHandler({
    group: "chat",
    tenantId: tenant.id,
    operations: chatOperations,
    deps,
    db: tenantDb.db,
    log: () => {},
  });

  // The tenant's API mounted at /<tenantId>, as the API mapping on the shared domain does; the authorizer's
  // context is given directly, since this test is about the handler behind it.
  server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname.replace(`/${tenant.id}`, "");
    const matched = matchRoute(request.method ?? "GET", path);
    if (matched?.route.group !== "chat") {
      response.writeHead(404).end();
      return;
    }
    const body = (await readBody(request, 1024 * 1024)) ?? Buffer.alloc(0);
    const event = toApiGatewayEvent(request, {
      routeKey: matched.route.routeKey,
      rawPath: path,
      pathParameters: matched.pathParameters,
      tenantId: tenant.id,
      authorizer: {
        tenantId: tenant.id,
        sub: "openai-client-test",
        scopes: "chat:write models:read",
        tokenId: "t-1",
      },
      body,
    });
    writeLambdaResult(response, await bufferedLambdaHandler(handler)(event));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({
    baseURL: `http://127.0.0.1:${port}/${tenant.id}/v1`,
    apiKey: "a-token",
    maxRetries: 0,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await tenantDb.close();
  await ledgerDb.close();
});

describe("the official openai client against the chat handler", () => {
  it("completes a chat with a well-formed completion and usage", async () => {
    // Act
    const completion = await client.chat.completions.create({
      model: "echo",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Summarise the discharge note." },
      ],
      max_tokens: 128,
      temperature: 0.2,
    });

    // Assess
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("echo");
    expect(completion.choices[0]?.message).toMatchObject({
      role: "assistant",
      content: "echo: Summarise the discharge note.",
    });
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
    const { rows } = await ledgerDb.admin.query(
      "SELECT status FROM usage_events WHERE request_id IS NOT NULL",
    );
    expect(rows.map((row) => row.status)).toContain("settled");
  });

  it("lists the tenant's models", async () => {
    const models = await client.models.list();

    expect(models.data.map((model) => model.id)).toEqual([
      "claude-sonnet",
      "nova-lite",
      "titan-embed",
      "echo",
    ]);
  });

  it("surfaces a refused model as an APIError with status 403 and the silo's message", async () => {
    const error = await client.chat.completions
      .create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
    expect((error as Error).message).toMatch(/gpt-4o/);
  });
});
