import type { APIGatewayProxyResult, StreamifyHandler } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BufferedLambdaHandler } from "../../../../runtime/api/handlers/bufferedLambdaHandler.ts";
import { loadTenant } from "../../../../runtime/core/tenants/loadTenants.ts";
import {
  apiGatewayBufferedView,
  apiGatewayStreamView,
  installLambdaStreamingRuntime,
  invokeStreamingHandler,
} from "../../../support/lambdaStreaming/index.ts";
import { createLedgerTestDatabase } from "../../core/ledger/support/ledgerTestDatabase.ts";
import { apiEvent } from "../support/apiEvent.ts";
import { restApiEvent } from "../support/restApiEvent.ts";
import { tenantHandlerEnv } from "../support/tenantHandlerEnv.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

// The three Lambda entry files as the Lambda runtime loads them: environment first, then the module (its
// top-level await builds the handler), called with real-shaped REST API proxy events (payload 1.0).
let tenantDb: TenantTestDatabase;
let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
let data: BufferedLambdaHandler;
let admin: BufferedLambdaHandler;
// biome-ignore lint/suspicious/noExplicitAny: the chat entry takes either event format
let chat: StreamifyHandler<any, void>;
let uninstall: () => void;
const savedEnv = { ...process.env };

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("lambda_entries");
  ledgerDb = await createLedgerTestDatabase("lambda_entries_ledger");
  const base = await loadTenant("acme-health");
  const tenant = {
    ...base,
    models: {
      allowlist: [{ key: "echo", provider: "echo" as const, modelId: "echo-1", type: "chat" as const }],
      defaultModel: "echo",
      imageUrlHosts: [],
    },
  };
  const ledgerRole = await ledgerDb.connectTenant(tenant.id, 5);
  Object.assign(
    process.env,
    tenantHandlerEnv({
      tenant,
      tenantDatabase: tenantDb.database,
      ledgerDatabase: ledgerDb.database,
      ledgerRole,
    }),
  );
  uninstall = installLambdaStreamingRuntime();
  data = (await import("../../../../runtime/api/handlers/dataHandler.ts")).handler;
  admin = (await import("../../../../runtime/api/handlers/adminHandler.ts")).handler;
  chat = (await import("../../../../runtime/api/handlers/chatHandler.ts")).handler;
});

afterAll(async () => {
  uninstall?.();
  process.env = savedEnv;
  await tenantDb?.close();
  await ledgerDb?.close();
});

function json(result: APIGatewayProxyResult) {
  return JSON.parse(result.body);
}

describe("the data and admin Lambdas behind a REST API proxy integration", () => {
  it("creates and reads a conversation, answering in payload 1.0", async () => {
    // Act
    const created = await data(restApiEvent("POST /v1/conversations", { body: { title: "over REST" } }));
    const read = await data(
      restApiEvent("GET /v1/conversations/{conversationId}", {
        pathParameters: { conversationId: json(created).id },
        requestId: "req-read-1",
      }),
    );

    // Assess
    expect(created).toMatchObject({ statusCode: 201, isBase64Encoded: false });
    expect(read).toMatchObject({
      statusCode: 200,
      headers: { "content-type": "application/json", "x-request-id": "req-read-1" },
      isBase64Encoded: false,
    });
    expect(json(read)).toMatchObject({ id: json(created).id, title: "over REST" });
  });

  it("reads query values from the multi-value parameters", async () => {
    await data(restApiEvent("POST /v1/conversations", { body: { title: "second" } }));

    const listed = await data(restApiEvent("GET /v1/conversations", { query: { limit: "1" } }));

    expect(listed.statusCode).toBe(200);
    expect(json(listed).data).toHaveLength(1);
  });

  it("answers 403 when the authorizer's tenant is not this function's tenant, as today", async () => {
    const refused = await data(restApiEvent("GET /v1/conversations", { authorizedTenantId: "globex" }));

    expect(refused.statusCode).toBe(403);
    expect(json(refused)).toMatchObject({ code: "TENANT_MISMATCH" });
  });

  it("answers 401 when API Gateway passed no authorizer context", async () => {
    const refused = await data(restApiEvent("GET /v1/conversations", { withoutAuthorizer: true }));

    expect(refused.statusCode).toBe(401);
  });

  it("keeps answering HTTP API events (payload 2.0) in 2.0", async () => {
    const result = await data(apiEvent("GET /v1/conversations"));

    expect(result.statusCode).toBe(200);
    expect(result).not.toHaveProperty("multiValueHeaders");
  });

  it("serves the admin group's budget over REST", async () => {
    const budget = await admin(restApiEvent("GET /v1/budget"));

    expect(budget.statusCode).toBe(200);
    expect(json(budget)).toMatchObject({ limitUsd: "5.000000" });
  });
});

describe("the chat Lambda entry", () => {
  it("is a streamified handler: it streams a STREAM route and buffers the others", async () => {
    // Act
    const streamed = invokeStreamingHandler(
      chat,
      restApiEvent("POST /v1/chat/completions", {
        body: { model: "echo", stream: true, messages: [{ role: "user", content: "hello" }] },
      }),
    );
    const models = invokeStreamingHandler(chat, restApiEvent("GET /v1/models"));
    await Promise.all([streamed.done, models.done]);

    // Assess
    const forwarded = apiGatewayStreamView(streamed);
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(apiGatewayBufferedView(models.bytes())).toMatchObject({ statusCode: 200 });
  });
});
