import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { conversationRoutes } from "../../../../runtime/api/routes/conversationRoutes.ts";
import { dataDeletionRoutes } from "../../../../runtime/api/routes/dataDeletionRoutes.ts";
import { dataDeletionConfirmation } from "../../../../runtime/api/schemas/dataDeletions.ts";
import { conversationStore } from "../../../../runtime/core/conversations/conversationStore.ts";
import { messageStore } from "../../../../runtime/core/conversations/messageStore.ts";
import { templateStore } from "../../../../runtime/core/templates/templateStore.ts";
import { groupHarness } from "../support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const conversationOperations = operationsOf(conversationRoutes);
const dataDeletionOperations = operationsOf(dataDeletionRoutes);

let tenantDb: TenantTestDatabase;
let api: Awaited<ReturnType<typeof groupHarness>>;
let dataApi: Awaited<ReturnType<typeof groupHarness>>;

const missingId = "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b";
const confirmed = { confirm: dataDeletionConfirmation };

/** Stores `count` conversations of two messages each. */
async function seedConversations(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const conversation = await conversationStore.create(tenantDb.db, {
      title: `c${index}`,
      createdBy: "nurse-1",
    });
    await tenantDb.db.transaction((client) =>
      messageStore.append(client, conversation.id, [
        { role: "user", content: `question ${index}` },
        { role: "assistant", content: `answer ${index}`, model: "claude-sonnet" },
      ]),
    );
  }
}

async function countOf(table: string): Promise<number> {
  const { rows } = await tenantDb.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("data_deletions");
  api = await groupHarness("admin", dataDeletionOperations, tenantDb);
  dataApi = await groupHarness("data", conversationOperations, tenantDb);
});

afterAll(async () => {
  await tenantDb.close();
});

describe("data deletion operations", () => {
  it("deletes every conversation and message inline and answers 202 with what it removed", async () => {
    // Prepare
    await seedConversations(3);
    await templateStore.create(tenantDb.db, { name: "kept", body: "{{x}}" });
    await tenantDb.pool.query("INSERT INTO tenant_settings (system_prompt) VALUES ('kept')");
    const auditBefore = await countOf("audit_events");

    // Act
    const response = await api.call("POST /v1/data-deletions", {
      body: { ...confirmed, reason: "contract ended" },
    });

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      reason: "contract ended",
      status: "succeeded",
      error: null,
      removed: { conversations: 3, messages: 6 },
    });
    expect(response.body.startedAt).toEqual(expect.any(String));
    expect(response.body.completedAt).toEqual(expect.any(String));
    expect(await countOf("conversations")).toBe(0);
    expect(await countOf("messages")).toBe(0);
    expect(await countOf("prompt_templates")).toBe(1);
    expect(await countOf("tenant_settings")).toBe(1);
    expect(await countOf("audit_events")).toBe(auditBefore + 1);
  });

  it("succeeds with zero counts when there is nothing to delete", async () => {
    const response = await api.call("POST /v1/data-deletions", { body: confirmed });

    expect(response.body).toMatchObject({
      reason: null,
      status: "succeeded",
      removed: { conversations: 0, messages: 0 },
    });
  });

  it("forgets remembered responses that hold conversation data, so a retry does not replay them", async () => {
    const headers = { "idempotency-key": "conversation-before-deletion" };
    const before = await dataApi.call("POST /v1/conversations", { body: { title: "secret title" }, headers });

    await api.call("POST /v1/data-deletions", { body: confirmed });
    const retried = await dataApi.call("POST /v1/conversations", {
      body: { title: "secret title" },
      headers,
    });

    expect(retried.status).toBe(201);
    expect(retried.headers["idempotent-replayed"]).toBeUndefined();
    expect(retried.body.id).not.toBe(before.body.id);
    const { rows } = await tenantDb.pool.query(
      "SELECT count(*)::int AS n FROM idempotency_keys WHERE response::text LIKE '%' || $1 || '%'",
      [before.body.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it("rolls back completely and records a failure when the deletion cannot finish", async () => {
    // Prepare: a trigger that refuses to delete conversations stands in for a failure mid-transaction.
    await seedConversations(2);
    await tenantDb.pool.query(`
      CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'deletes refused for this test'; END $$;
      CREATE TRIGGER refuse_conversation_delete BEFORE DELETE ON conversations
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete();`);
    const before = { conversations: await countOf("conversations"), messages: await countOf("messages") };

    try {
      // Act
      const response = await api.call("POST /v1/data-deletions", { body: confirmed });
      const { rows } = await tenantDb.pool.query(
        "SELECT status, error_code, error_message, removed_messages FROM data_deletions ORDER BY created_at DESC LIMIT 1",
      );

      // Assess
      expect(response).toMatchObject({ status: 500, body: { code: "INTERNAL_ERROR" } });
      expect(rows).toEqual([
        {
          status: "failed",
          error_code: "DATA_DELETION_FAILED",
          error_message: `the job failed unexpectedly; quote request id ${response.body.requestId} when reporting it`,
          removed_messages: null,
        },
      ]);
      expect({ conversations: await countOf("conversations"), messages: await countOf("messages") }).toEqual(
        before,
      );
      expect(before.messages).toBeGreaterThanOrEqual(4);
    } finally {
      await tenantDb.pool.query(
        "DROP TRIGGER refuse_conversation_delete ON conversations; DROP FUNCTION refuse_delete();",
      );
    }
  });

  it("gets a deletion, shows a failed one with its error, and answers 404 for one that does not exist", async () => {
    const created = await api.call("POST /v1/data-deletions", { body: confirmed });
    const { rows } = await tenantDb.pool.query(
      "SELECT id FROM data_deletions WHERE status = 'failed' LIMIT 1",
    );

    const read = await api.call("GET /v1/data-deletions/{deletionId}", {
      pathParameters: { deletionId: created.body.id },
    });
    const failed = await api.call("GET /v1/data-deletions/{deletionId}", {
      pathParameters: { deletionId: rows[0].id },
    });
    const missing = await api.call("GET /v1/data-deletions/{deletionId}", {
      pathParameters: { deletionId: missingId },
    });

    expect(read).toMatchObject({ status: 200, body: created.body });
    expect(failed.body).toMatchObject({
      status: "failed",
      removed: null,
      error: { code: "DATA_DELETION_FAILED" },
    });
    expect(missing).toMatchObject({
      status: 404,
      body: {
        code: "NOT_FOUND",
        detail: `no data deletion ${missingId} in this tenant; list them to find valid ids`,
      },
    });
  });

  it("lists deletions newest first across pages", async () => {
    const created: string[] = [];
    for (let index = 0; index < 3; index++) {
      created.push((await api.call("POST /v1/data-deletions", { body: confirmed })).body.id);
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call("GET /v1/data-deletions", {
        query: { limit: "2", ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((job: { id: string }) => job.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);

    expect(seen.slice(0, 3)).toEqual([...created].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    const { rows } = await tenantDb.pool.query("SELECT count(*)::int AS n FROM data_deletions");
    expect(seen).toHaveLength(rows[0].n);
  });

  it("refuses a request without the exact confirmation, deleting nothing", async () => {
    await seedConversations(1);
    const conversations = await countOf("conversations");

    const missing = await api.call("POST /v1/data-deletions", { body: {} });
    const wrong = await api.call("POST /v1/data-deletions", { body: { confirm: "yes" } });

    const message = `must be exactly "${dataDeletionConfirmation}": the deletion cannot be undone`;
    expect(missing).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", errors: [{ path: "body.confirm", message }] },
    });
    expect(wrong).toMatchObject({ status: 400, body: { errors: [{ path: "body.confirm", message }] } });
    expect(await countOf("conversations")).toBe(conversations);
  });

  it("deletes once per Idempotency-Key and replays the first job", async () => {
    const headers = { "idempotency-key": "delete-once" };

    const first = await api.call("POST /v1/data-deletions", { body: confirmed, headers });
    await seedConversations(1);
    const replay = await api.call("POST /v1/data-deletions", { body: confirmed, headers });

    expect(replay).toMatchObject({
      status: 202,
      body: first.body,
      headers: { "idempotent-replayed": "true" },
    });
    expect(await countOf("conversations")).toBe(1);
  });

  it("audits the request with the deletion as resource", async () => {
    const created = await api.call("POST /v1/data-deletions", { body: confirmed, sub: "deletion-admin" });

    const { rows } = await tenantDb.pool.query(
      "SELECT action, resource, outcome, status FROM audit_events WHERE subject = 'deletion-admin'",
    );

    expect(rows).toEqual([
      {
        action: "createDataDeletion",
        resource: `data-deletions/${created.body.id}`,
        outcome: "succeeded",
        status: 202,
      },
    ]);
  });
});
