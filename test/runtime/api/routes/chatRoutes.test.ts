import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { chatRoutes } from "../../../../runtime/api/routes/chatRoutes.ts";
import { conversationRoutes } from "../../../../runtime/api/routes/conversationRoutes.ts";
import { sendMessageRoute } from "../../../../runtime/api/routes/sendMessageRoute.ts";
import { createUsageLedger } from "../../../../runtime/core/ledger/createUsageLedger.ts";
import { createModelRouter } from "../../../../runtime/core/models/createModelRouter.ts";
import { EchoProvider } from "../../../../runtime/core/models/echoProvider.ts";
import { settingsStore } from "../../../../runtime/core/settings/settingsStore.ts";
import { loadTenant } from "../../../../runtime/core/tenants/loadTenants.ts";
import type { TenantConfig } from "../../../../tenants/schema.ts";
import { createLedgerTestDatabase } from "../../core/ledger/support/ledgerTestDatabase.ts";
import { groupHarness } from "../support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const chatOperations = operationsOf([...chatRoutes, sendMessageRoute]);
const conversationOperations = operationsOf(conversationRoutes);

let tenantDb: TenantTestDatabase;
let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
let chat: Awaited<ReturnType<typeof groupHarness>>;
let data: Awaited<ReturnType<typeof groupHarness>>;
let tenant: TenantConfig;
let ledger: ReturnType<typeof createUsageLedger>;

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("chat");
  ledgerDb = await createLedgerTestDatabase("chat_ledger");
  const base = await loadTenant("acme-health");
  // acme-health as the local platform runs it: its allowlist plus the echo model, which is the default.
  tenant = {
    ...base,
    models: {
      allowlist: [
        ...base.models.allowlist,
        { key: "echo", provider: "echo", modelId: "echo-1", type: "chat" as const },
        { key: "echo-embed", provider: "echo", modelId: "echo-embed-1", type: "embedding" as const },
      ],
      defaultModel: "echo",
      imageUrlHosts: [],
    },
    limits: { ...base.limits, maxTokensPerRequest: 1024 },
  };
  const { db: ledgerConnection } = await ledgerDb.connectTenant(tenant.id, "0.050000");
  ledger = createUsageLedger(ledgerConnection, { tenantId: tenant.id });
  const router = createModelRouter({
    tenantId: tenant.id,
    models: tenant.models,
    providers: { echo: new EchoProvider() },
    allowEcho: true,
  });
  const deps = { tenant, ledger, ledgerDb: ledgerConnection, router };
  chat = await groupHarness("chat", chatOperations, tenantDb, deps);
  data = await groupHarness("data", conversationOperations, tenantDb, deps);
});

afterAll(async () => {
  await tenantDb.close();
  await ledgerDb.close();
});

async function ledgerRows(): Promise<Array<{ status: string; model_key: string; cost_usd: string | null }>> {
  const { rows } = await ledgerDb.admin.query(
    "SELECT status, model_key, cost_usd::text FROM usage_events WHERE tenant_id = $1 ORDER BY reserved_at",
    [tenant.id],
  );
  return rows;
}

describe("chat operations", () => {
  it("lists only the tenant's allowlisted models, in OpenAI's list shape", async () => {
    const response = await chat.call("GET /v1/models");

    expect(response.status).toBe(200);
    expect(response.body.object).toBe("list");
    expect(response.body.data.map((model: { id: string }) => model.id)).toEqual([
      "claude-sonnet",
      "nova-lite",
      "titan-embed",
      "echo",
      "echo-embed",
    ]);
    expect(response.body.data.find((model: { id: string }) => model.id === "echo")).toMatchObject({
      is_default: true,
      owned_by: "echo",
    });
  });

  it("gets one allowlisted model and answers 404 for any other", async () => {
    const found = await chat.call("GET /v1/models/{modelId}", { pathParameters: { modelId: "nova-lite" } });
    const missing = await chat.call("GET /v1/models/{modelId}", { pathParameters: { modelId: "gpt-4o" } });

    expect(found.body).toMatchObject({ id: "nova-lite", provider: "bedrock", is_default: false });
    expect(missing).toMatchObject({ status: 404, body: { code: "NOT_FOUND", error: { code: "not_found" } } });
  });

  it("completes a chat and settles exactly one ledger row before answering", async () => {
    const before = (await ledgerRows()).length;

    const response = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: "hello silo" }], max_tokens: 64 },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      object: "chat.completion",
      model: "echo",
      choices: [
        { index: 0, message: { role: "assistant", content: "echo: hello silo" }, finish_reason: "stop" },
      ],
    });
    expect(response.body.usage.total_tokens).toBe(
      response.body.usage.prompt_tokens + response.body.usage.completion_tokens,
    );
    const rows = await ledgerRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ status: "settled", model_key: "echo" });
    expect(response.headers["x-silo-cost-usd"]).toBe(rows.at(-1)?.cost_usd);
  });

  it("logs how long the reservation, the model call and the settle took, within the request's latency", async () => {
    await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: "time me" }], max_tokens: 16 },
    });

    const line = chat.logs.filter((entry) => entry.msg === "request").at(-1) as Record<string, number>;
    const phases = [line.reserveMs ?? -1, line.modelMs ?? -1, line.settleMs ?? -1];
    for (const phase of phases) expect(phase).toBeGreaterThanOrEqual(0);
    expect(line.reserveMs).toBeGreaterThan(0);
    expect(line.settleMs).toBeGreaterThan(0);
    expect(phases.reduce((sum, phase) => sum + phase, 0)).toBeLessThanOrEqual(line.latencyMs ?? 0);
  });

  it("refuses a model outside the allowlist with 403 before reserving anything", async () => {
    const before = (await ledgerRows()).length;

    const response = await chat.call("POST /v1/chat/completions", {
      body: { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] },
    });

    expect(response).toMatchObject({ status: 403, body: { code: "MODEL_NOT_ALLOWED" } });
    expect(response.body.error.message).toBe(response.body.detail);
    expect(await ledgerRows()).toHaveLength(before);
  });

  it("refuses more output tokens than the tenant allows, before reserving anything", async () => {
    const response = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: "hi" }], max_completion_tokens: 4096 },
    });

    expect(response).toMatchObject({
      status: 422,
      body: {
        code: "MAX_TOKENS_EXCEEDED",
        detail: "max tokens 4096 is above this tenant's limit of 1024 per request; ask for at most 1024",
        error: { param: "max_tokens" },
      },
    });
  });

  it("refuses a body nested deeper than 64 levels with 400 MALFORMED_BODY, not a stack overflow", async () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let level = 0; level < 6_400; level++) {
      schema = { type: "object", properties: { inner: schema } };
    }

    const response = await chat.call("POST /v1/chat/completions", {
      body: {
        model: "echo",
        messages: [{ role: "user", content: "hi" }],
        tools: [{ type: "function", function: { name: "deep", parameters: schema } }],
      },
    });

    expect(response).toMatchObject({ status: 400, body: { code: "MALFORMED_BODY" } });
    expect(response.body.detail).toContain("more than 64 levels");
  });

  it.each([
    ["[[silo:throttle]]", 429, "MODEL_THROTTLED"],
    ["[[silo:timeout]]", 504, "MODEL_TIMEOUT"],
    ["[[silo:error]]", 502, "MODEL_PROVIDER_ERROR"],
    ["[[silo:bad-response]]", 502, "MODEL_BAD_RESPONSE"],
  ])("maps a provider fault %s to %i %s, releasing the reservation", async (prompt, status, code) => {
    const response = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: prompt }] },
    });

    expect(response).toMatchObject({ status, body: { code } });
    expect((await ledgerRows()).at(-1)?.status).toBe("released");
  });

  it("sends Retry-After with a throttled answer", async () => {
    const response = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: "[[silo:throttle]]" }] },
    });

    expect(response.headers["retry-after"]).toBe("1");
  });

  it("sends a message in a conversation, storing both turns with the settled cost", async () => {
    const { id } = (await data.call("POST /v1/conversations", { body: { title: "triage" } })).body;

    const sent = await chat.call("POST /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: id },
      body: { content: "first question" },
    });
    const listed = await data.call("GET /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: id },
    });

    expect(sent.status).toBe(201);
    expect(sent.body.userMessage).toMatchObject({ role: "user", content: "first question", usage: null });
    expect(sent.body.assistantMessage).toMatchObject({
      role: "assistant",
      content: "echo: first question",
      model: "echo",
    });
    expect(sent.body.assistantMessage.usage.costUsd).toBe((await ledgerRows()).at(-1)?.cost_usd);
    expect(listed.body.data).toHaveLength(2);
  });

  it("answers with the tenant file's default model when the stored default is no longer allowed", async () => {
    // Prepare: a default model saved earlier, since removed from the tenant's allowlist
    await settingsStore.write(
      tenantDb.db,
      { defaultModel: "retired-model", systemPrompt: null, dataRetentionDays: null },
      "admin",
    );
    const { id } = (await data.call("POST /v1/conversations", { body: {} })).body;

    // Act
    const sent = await chat.call("POST /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: id },
      body: { content: "which model?" },
    });

    // Assess
    expect(sent.status).toBe(201);
    expect(sent.body.assistantMessage.model).toBe("echo");
    await settingsStore.write(
      tenantDb.db,
      { defaultModel: null, systemPrompt: null, dataRetentionDays: null },
      "admin",
    );
  });

  it("stores nothing in the conversation when the model call fails", async () => {
    const { id } = (await data.call("POST /v1/conversations", { body: {} })).body;

    const failed = await chat.call("POST /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: id },
      body: { content: "[[silo:error]]" },
    });
    const listed = await data.call("GET /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: id },
    });

    expect(failed).toMatchObject({ status: 502, body: { code: "MODEL_PROVIDER_ERROR" } });
    expect(listed.body.data).toEqual([]);
  });

  it("streams a completion as OpenAI's server-sent events, settled once, with the usage chunk last", async () => {
    const before = (await ledgerRows()).length;

    const response = await chat.call("POST /v1/chat/completions", {
      body: {
        model: "echo",
        messages: [{ role: "user", content: "stream these four words" }],
        stream: true,
        stream_options: { include_usage: true },
      },
    });

    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ "content-type": "text/event-stream; charset=utf-8" });
    const lines = (response.body as string).split("\n\n").filter(Boolean);
    expect(lines.at(-1)).toBe("data: [DONE]");
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line.replace(/^data: /, "")));
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "", refusal: null });
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("echo: stream these four words");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(2);
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage.completion_tokens).toBeGreaterThan(0);
    const rows = await ledgerRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ status: "settled", model_key: "echo" });
  });

  it("replays a streamed completion sent again with its Idempotency-Key, charging once", async () => {
    const before = (await ledgerRows()).length;
    const request = {
      body: { model: "echo", messages: [{ role: "user", content: "once only" }], stream: true },
      headers: { "idempotency-key": "stream-key-1" },
    };

    const first = await chat.call("POST /v1/chat/completions", request);
    const again = await chat.call("POST /v1/chat/completions", request);

    expect(again.body).toBe(first.body);
    expect(again.headers).toMatchObject({
      "idempotent-replayed": "true",
      "content-type": "text/event-stream; charset=utf-8",
    });
    expect(await ledgerRows()).toHaveLength(before + 1);
  });

  it("replays a small embeddings answer for its Idempotency-Key, but keeps no answer over 1 MiB: a retry runs again", async () => {
    const before = (await ledgerRows()).length;
    const small = {
      body: { model: "echo-embed", input: "once", dimensions: 8 },
      headers: { "idempotency-key": "embed-small-1" },
    };
    const large = {
      body: {
        model: "echo-embed",
        input: Array.from({ length: 40 }, (_, i) => `text ${i}`),
        dimensions: 3072,
      },
      headers: { "idempotency-key": "embed-large-1" },
    };

    await chat.call("POST /v1/embeddings", small);
    const smallAgain = await chat.call("POST /v1/embeddings", small);
    await chat.call("POST /v1/embeddings", large);
    const largeAgain = await chat.call("POST /v1/embeddings", large);

    expect(smallAgain.headers).toMatchObject({ "idempotent-replayed": "true" });
    expect(largeAgain.status).toBe(200);
    expect(largeAgain.headers).not.toHaveProperty("idempotent-replayed");
    expect(await ledgerRows()).toHaveLength(before + 3);
    const stored = await tenantDb.pool.query(
      "SELECT key FROM idempotency_keys WHERE key IN ('embed-small-1', 'embed-large-1') ORDER BY key",
    );
    expect(stored.rows.map((row) => row.key)).toEqual(["embed-small-1"]);
  });

  it("sends an error after the first byte as an OpenAI error event, without [DONE]", async () => {
    const response = await chat.call("POST /v1/chat/completions", {
      body: {
        model: "echo",
        messages: [{ role: "user", content: "[[silo:fail-mid-stream]]" }],
        stream: true,
      },
    });

    const lines = (response.body as string).split("\n\n").filter(Boolean);
    expect(response.status).toBe(200);
    expect(lines).not.toContain("data: [DONE]");
    expect(JSON.parse((lines.at(-1) ?? "").replace(/^data: /, ""))).toMatchObject({
      error: { type: "server_error", code: "model_provider_error" },
      requestId: response.headers["x-request-id"],
    });
  });

  it("answers a tool call, then the round trip with the tool's result", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "get_weather",
          parameters: {
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
            additionalProperties: false,
          },
        },
      },
    ];
    const ask = { role: "user", content: "Paris [[silo:call:get_weather]]" };

    const first = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", tools, messages: [ask] },
    });
    const call = first.body.choices[0].message.tool_calls[0];
    const second = await chat.call("POST /v1/chat/completions", {
      body: {
        model: "echo",
        tools,
        messages: [
          ask,
          { role: "assistant", content: null, tool_calls: [call] },
          { role: "tool", tool_call_id: call.id, content: "18 C and sunny" },
        ],
      },
    });

    expect(first.body.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      message: { content: null, tool_calls: [{ type: "function", function: { name: "get_weather" } }] },
    });
    expect(JSON.parse(call.function.arguments)).toEqual({ city: expect.any(String) });
    expect(second.body.choices[0]).toMatchObject({
      finish_reason: "stop",
      message: { content: "echo: tool get_weather returned 18 C and sunny" },
    });
  });

  it("answers JSON valid against a json_schema response format", async () => {
    const response = await chat.call("POST /v1/chat/completions", {
      body: {
        model: "echo",
        messages: [{ role: "user", content: "a person" }],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "person",
            strict: true,
            schema: {
              type: "object",
              properties: { name: { type: "string" }, age: { type: "integer", minimum: 1 } },
              required: ["name", "age"],
              additionalProperties: false,
            },
          },
        },
      },
    });

    expect(JSON.parse(response.body.choices[0].message.content)).toEqual({
      name: expect.any(String),
      age: 1,
    });
  });

  it("takes an image as a data URL, and refuses a remote URL the tenant does not allow", async () => {
    const png =
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    const part = (url: string) => ({
      model: "echo",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is it" },
            { type: "image_url", image_url: { url } },
          ],
        },
      ],
    });

    const seen = await chat.call("POST /v1/chat/completions", { body: part(png) });
    const remote = await chat.call("POST /v1/chat/completions", {
      body: part("https://images.example.com/a.png"),
    });

    expect(seen.body.choices[0].message.content).toBe("echo: what is it [image image/png 68 bytes]");
    expect(remote).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", error: { param: "messages[0].content[1].image_url.url" } },
    });
    expect(remote.body.detail).toContain("this tenant allows only data: URLs");
  });

  it("embeds texts as floats or base64, metered as one row per call", async () => {
    const before = (await ledgerRows()).length;

    const floats = await chat.call("POST /v1/embeddings", {
      body: { model: "echo-embed", input: ["alpha", "beta"], dimensions: 8 },
    });
    const base64 = await chat.call("POST /v1/embeddings", {
      body: { model: "echo-embed", input: "alpha", dimensions: 8, encoding_format: "base64" },
    });

    expect(floats.status).toBe(200);
    expect(floats.body.data).toHaveLength(2);
    expect(floats.body.data[0].embedding).toHaveLength(8);
    const decoded = Buffer.from(base64.body.data[0].embedding, "base64");
    const fromBase64 = Array.from({ length: 8 }, (_, index) => decoded.readFloatLE(index * 4));
    fromBase64.forEach((value, index) => {
      expect(value).toBeCloseTo(floats.body.data[0].embedding[index], 6);
    });
    expect(floats.body.usage.prompt_tokens).toBe(floats.body.usage.total_tokens);
    const rows = await ledgerRows();
    expect(rows).toHaveLength(before + 2);
    expect(rows.slice(-2)).toMatchObject([
      { status: "settled", model_key: "echo-embed" },
      { status: "settled", model_key: "echo-embed" },
    ]);
  });

  it("refuses to embed with a chat model and to chat with an embedding model, naming the parameter", async () => {
    const embedWithChat = await chat.call("POST /v1/embeddings", { body: { model: "echo", input: "x" } });
    const chatWithEmbed = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo-embed", messages: [{ role: "user", content: "x" }] },
    });

    expect(embedWithChat).toMatchObject({
      status: 400,
      body: { code: "MODEL_UNSUPPORTED_PARAMETER", error: { param: "model" } },
    });
    expect(chatWithEmbed.body.detail).toContain("call POST /v1/embeddings with it");
  });

  it("carries the request id on every answer", async () => {
    const ok = await chat.call("GET /v1/models", { requestId: "req-abc" });
    const failed = await chat.call("GET /v1/models/{modelId}", {
      pathParameters: { modelId: "nope" },
      requestId: "req-def",
    });

    expect(ok.headers["x-request-id"]).toBe("req-abc");
    expect(failed.headers["x-request-id"]).toBe("req-def");
    expect(failed.body.requestId).toBe("req-def");
  });

  it("answers 429 BUDGET_EXCEEDED when the budget cannot cover the call, without calling the model", async () => {
    // Prepare: leave 0.0001 USD, less than one reservation of 1024 output tokens (about 0.0002 USD)
    const { spentUsd } = await ledger.budget();
    await ledger.setBudget((Number(spentUsd) + 0.0001).toFixed(6), 80);
    const rowsBefore = (await ledgerRows()).length;

    // Act
    const refused = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: "spend" }], max_tokens: 1024 },
    });
    const smaller = await chat.call("POST /v1/chat/completions", {
      body: { model: "echo", messages: [{ role: "user", content: "spend" }], max_tokens: 64 },
    });

    // Assess
    // OpenAI's shape for a spent quota, which the official clients do not retry.
    expect(refused).toMatchObject({
      status: 429,
      body: { code: "BUDGET_EXCEEDED", error: { type: "insufficient_quota", code: "insufficient_quota" } },
      headers: { "x-should-retry": "false" },
    });
    expect(refused.headers["retry-after"]).toBeUndefined();
    expect(Date.parse(String(refused.headers["x-silo-budget-resets-at"]))).toBeGreaterThan(Date.now());
    expect(refused.body.detail).toMatch(
      /^tenant acme-health has spent \d+\.\d{6} of its \d+\.\d{6} USD budget for \d{4}-\d{2}/,
    );
    expect(smaller.status).toBe(200);
    expect(await ledgerRows()).toHaveLength(rowsBefore + 1);
  });
});
