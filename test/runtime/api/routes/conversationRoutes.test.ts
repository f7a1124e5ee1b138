import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { conversationRoutes } from "../../../../runtime/api/routes/conversationRoutes.ts";
import { messageStore } from "../../../../runtime/core/conversations/messageStore.ts";
import { groupHarness } from "../support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const conversationOperations = operationsOf(conversationRoutes);

let tenantDb: TenantTestDatabase;
let api: Awaited<ReturnType<typeof groupHarness>>;

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("conversations");
  api = await groupHarness("data", conversationOperations, tenantDb);
});

afterAll(async () => {
  await tenantDb.close();
});

describe("conversation operations", () => {
  it("creates, reads, renames and deletes a conversation", async () => {
    // Act
    const created = await api.call("POST /v1/conversations", {
      body: { title: "Discharge notes", metadata: { ward: "4b" } },
    });
    const id = created.body.id;
    const read = await api.call("GET /v1/conversations/{conversationId}", {
      pathParameters: { conversationId: id },
    });
    const renamed = await api.call("PATCH /v1/conversations/{conversationId}", {
      pathParameters: { conversationId: id },
      body: { title: null },
    });
    const deleted = await api.call("DELETE /v1/conversations/{conversationId}", {
      pathParameters: { conversationId: id },
    });
    const gone = await api.call("GET /v1/conversations/{conversationId}", {
      pathParameters: { conversationId: id },
    });

    // Assess
    expect(created).toMatchObject({
      status: 201,
      body: { title: "Discharge notes", metadata: { ward: "4b" }, messageCount: 0 },
    });
    expect(read.body).toEqual(created.body);
    expect(renamed).toMatchObject({ status: 200, body: { id, title: null, metadata: { ward: "4b" } } });
    expect(deleted).toMatchObject({ status: 204, body: undefined });
    expect(gone).toMatchObject({
      status: 404,
      headers: { "content-type": "application/problem+json" },
      body: {
        code: "NOT_FOUND",
        detail: `no conversation ${id} in this tenant; list them to find valid ids`,
      },
    });
  });

  it("pages through conversations newest first without repeats or gaps", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 7; index++) {
      ids.push((await api.call("POST /v1/conversations", { body: { title: `c${index}` } })).body.id);
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call("GET /v1/conversations", {
        query: { limit: "3", ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((conversation: { id: string }) => conversation.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);

    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
  });

  it("pages messages under 4 MiB of JSON, so a buffered Lambda answer (6 MB at most) carries every page", async () => {
    // Prepare: 30 messages of 200,000 characters, 6 MB in all
    const { id } = (await api.call("POST /v1/conversations", { body: {} })).body;
    await tenantDb.db.transaction((client) =>
      messageStore.append(
        client,
        id,
        Array.from({ length: 30 }, (_, index) => ({
          role: "user" as const,
          content: `${index}`.padEnd(200_000, "x"),
        })),
      ),
    );

    // Act
    const pages: { data: { content: string }[]; nextCursor: string | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call("GET /v1/conversations/{conversationId}/messages", {
        pathParameters: { conversationId: id },
        query: { limit: "100", ...(cursor ? { cursor } : {}) },
      });
      pages.push(page.body);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor !== undefined);

    // Assess
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(4.5 * 1024 * 1024);
    expect(pages.flatMap((page) => page.data).map((message) => Number.parseInt(message.content, 10))).toEqual(
      Array.from({ length: 30 }, (_, index) => index),
    );
  });

  it("lists a conversation's messages oldest first, and gets one", async () => {
    const { id } = (await api.call("POST /v1/conversations", { body: {} })).body;
    const stored = await tenantDb.db.transaction((client) =>
      messageStore.append(client, id, [
        { role: "user", content: "hello" },
        {
          role: "assistant",
          content: "echo: hello",
          model: "claude-sonnet",
          usage: { inputTokens: 2, outputTokens: 3, costUsd: "0.000120" },
        },
      ]),
    );

    const page = await api.call("GET /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: id },
    });
    const one = await api.call("GET /v1/conversations/{conversationId}/messages/{messageId}", {
      pathParameters: { conversationId: id, messageId: stored[1]?.id ?? "" },
    });
    const conversation = await api.call("GET /v1/conversations/{conversationId}", {
      pathParameters: { conversationId: id },
    });

    expect(page.body.data.map((message: { content: string }) => message.content)).toEqual([
      "hello",
      "echo: hello",
    ]);
    expect(one.body).toMatchObject({
      role: "assistant",
      usage: { inputTokens: 2, outputTokens: 3, costUsd: "0.000120" },
    });
    expect(conversation.body.messageCount).toBe(2);
  });

  it("answers 404 for messages of a conversation that does not exist", async () => {
    const response = await api.call("GET /v1/conversations/{conversationId}/messages", {
      pathParameters: { conversationId: "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b" },
    });

    expect(response).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });

  it("reports every invalid field at once with its location", async () => {
    const response = await api.call("POST /v1/conversations", { body: { title: "", colour: "blue" } });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION_FAILED");
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "body",
      "body.title",
    ]);
  });

  it("refuses a path id that is not a UUID, before touching the database", async () => {
    const response = await api.call("GET /v1/conversations/{conversationId}", {
      pathParameters: { conversationId: "1 OR 1=1" },
    });

    expect(response).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", errors: [{ path: "path.conversationId" }] },
    });
  });

  it("refuses a cursor it did not issue", async () => {
    const response = await api.call("GET /v1/conversations", { query: { cursor: "bm90LWEtY3Vyc29y" } });

    expect(response).toMatchObject({ status: 400, body: { errors: [{ path: "query.cursor" }] } });
  });

  it("refuses a body that is not JSON", async () => {
    const response = await api.call("POST /v1/conversations", { rawBody: "{title: nope" });

    expect(response).toMatchObject({ status: 400, body: { code: "MALFORMED_BODY" } });
    expect(response.body.detail).toMatch(/^the body is not valid JSON/);
  });

  it("refuses an oversized body before parsing it", async () => {
    const response = await api.call("POST /v1/conversations", {
      rawBody: `{"title":"${"x".repeat(5 * 1024 * 1024)}"}`,
    });

    expect(response).toMatchObject({ status: 413, body: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("never serves a request authorized for another tenant, even past the edge", async () => {
    const response = await api.call("GET /v1/conversations", { authorizedTenantId: "globex" });

    expect(response).toMatchObject({ status: 403, body: { code: "TENANT_MISMATCH" } });
  });

  it("refuses a request that did not come through the authorizer", async () => {
    const response = await api.call("GET /v1/conversations", { withoutAuthorizer: true });

    expect(response).toMatchObject({ status: 401, body: { code: "UNAUTHENTICATED" } });
  });

  it("creates once per Idempotency-Key and replays the first response", async () => {
    const headers = { "idempotency-key": "create-conv-1" };

    const first = await api.call("POST /v1/conversations", { body: { title: "once" }, headers });
    const replay = await api.call("POST /v1/conversations", { body: { title: "once" }, headers });
    const reused = await api.call("POST /v1/conversations", { body: { title: "twice" }, headers });

    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(reused).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    const { rows } = await tenantDb.pool.query(
      "SELECT count(*)::int AS n FROM conversations WHERE title = 'once'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("scopes an Idempotency-Key to the caller: another user's same key and body is a new request", async () => {
    // Prepare
    const headers = { "idempotency-key": "shared-key-across-users" };
    const alice = await api.call("POST /v1/conversations", {
      body: { title: "mine" },
      headers,
      sub: "alice",
    });

    // Act
    const bob = await api.call("POST /v1/conversations", { body: { title: "mine" }, headers, sub: "bob" });
    const aliceAgain = await api.call("POST /v1/conversations", {
      body: { title: "mine" },
      headers,
      sub: "alice",
    });

    // Assess
    expect(bob.status).toBe(201);
    expect(bob.headers["idempotent-replayed"]).toBeUndefined();
    expect(bob.body.id).not.toBe(alice.body.id);
    expect(aliceAgain.headers["idempotent-replayed"]).toBe("true");
    expect(aliceAgain.body).toEqual(alice.body);
  });

  it("writes an audit event for each change, with who, what and the outcome", async () => {
    const created = await api.call("POST /v1/conversations", {
      body: { title: "audited" },
      sub: "auditor-7",
    });
    await api.call("DELETE /v1/conversations/{conversationId}", {
      pathParameters: { conversationId: "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b" },
      sub: "auditor-7",
    });

    const { rows } = await tenantDb.pool.query(
      "SELECT action, resource, outcome, status FROM audit_events WHERE subject = 'auditor-7' ORDER BY occurred_at",
    );

    expect(rows).toEqual([
      {
        action: "createConversation",
        resource: `conversations/${created.body.id}`,
        outcome: "succeeded",
        status: 201,
      },
      { action: "deleteConversation", resource: null, outcome: "failed", status: 404 },
    ]);
  });

  it("answers 404 for a route of another handler group", async () => {
    const response = await api.call("POST /v1/chat/completions", { body: {} });

    expect(response).toMatchObject({ status: 404, body: { code: "ROUTE_NOT_FOUND" } });
  });
});
