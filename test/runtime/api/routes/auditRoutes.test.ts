import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { auditRoutes } from "../../../../runtime/api/routes/auditRoutes.ts";
import { groupHarness } from "../support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const auditOperations = operationsOf(auditRoutes);

let tenantDb: TenantTestDatabase;
let api: Awaited<ReturnType<typeof groupHarness>>;

interface SeededEvent {
  id: string;
  occurredAt: string;
  action: string;
  outcome: "succeeded" | "denied" | "failed";
  status: number;
}

/** Events of January 2025, oldest first; two share an instant to exercise the id tie-break. */
const seeded: SeededEvent[] = (
  [
    {
      occurredAt: "2025-01-01T08:00:00.000001Z",
      action: "createConversation",
      outcome: "succeeded",
      status: 201,
    },
    {
      occurredAt: "2025-01-02T08:00:00.000002Z",
      action: "deleteConversation",
      outcome: "failed",
      status: 404,
    },
    {
      occurredAt: "2025-01-03T08:00:00.000003Z",
      action: "updateSettings",
      outcome: "succeeded",
      status: 200,
    },
    {
      occurredAt: "2025-01-03T08:00:00.000003Z",
      action: "deleteConversation",
      outcome: "succeeded",
      status: 204,
    },
    { occurredAt: "2025-01-04T08:00:00.000004Z", action: "createExport", outcome: "denied", status: 403 },
    {
      occurredAt: "2025-01-05T08:00:00.000005Z",
      action: "deleteConversation",
      outcome: "succeeded",
      status: 204,
    },
    { occurredAt: "2025-01-06T08:00:00.000006Z", action: "updateSettings", outcome: "failed", status: 422 },
  ] satisfies Array<Omit<SeededEvent, "id">>
).map((event) => ({ ...event, id: randomUUID() }));

/** The seeded events as the API orders them: newest first, then id descending. */
const descending = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
const newestFirst = [...seeded].sort(
  (a, b) => descending(a.occurredAt, b.occurredAt) || descending(a.id, b.id),
);

const january = { since: "2025-01-01T00:00:00Z", until: "2025-02-01T00:00:00Z" };

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("audit");
  api = await groupHarness("admin", auditOperations, tenantDb);
  for (const event of seeded) {
    await tenantDb.pool.query(
      `INSERT INTO audit_events (id, occurred_at, subject, client_id, action, resource, outcome, status, request_id, source_ip)
       VALUES ($1, $2, 'seed-user', NULL, $3, NULL, $4, $5, $6, '203.0.113.7')`,
      [event.id, event.occurredAt, event.action, event.outcome, event.status, `req-${event.id}`],
    );
  }
});

afterAll(async () => {
  await tenantDb.close();
});

async function listAll(query: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call("GET /v1/audit/events", {
      query: { ...query, ...(cursor ? { cursor } : {}) },
    });
    expect(page.status).toBe(200);
    ids.push(...page.body.data.map((event: { id: string }) => event.id));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe("audit operations", () => {
  it("answers events in the API shape, newest first", async () => {
    const response = await api.call("GET /v1/audit/events", { query: { ...january, limit: "1" } });

    const newest = newestFirst[0] as SeededEvent;
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      {
        id: newest.id,
        occurredAt: "2025-01-06T08:00:00.000Z",
        actor: { subject: "seed-user", clientId: null },
        action: "updateSettings",
        resource: null,
        outcome: "failed",
        status: 422,
        requestId: `req-${newest.id}`,
        sourceIp: "203.0.113.7",
      },
    ]);
    expect(response.body.nextCursor).toEqual(expect.any(String));
  });

  it("pages through events without repeats or gaps, even when two share an instant", async () => {
    const ids = await listAll({ ...january, limit: "2" });

    expect(ids).toEqual(newestFirst.map((event) => event.id));
  });

  it("filters by time range: since inclusive, until exclusive", async () => {
    const ids = await listAll({ since: "2025-01-03T08:00:00.000003Z", until: "2025-01-05T08:00:00.000005Z" });

    expect(ids).toEqual(
      newestFirst
        .filter((event) => event.occurredAt >= "2025-01-03T08:00:00.000003Z")
        .filter((event) => event.occurredAt < "2025-01-05T08:00:00.000005Z")
        .map((event) => event.id),
    );
    expect(ids).toHaveLength(3);
  });

  it("accepts time filters with an offset", async () => {
    const ids = await listAll({ since: "2025-01-06T09:00:00+01:00", until: "2025-01-07T00:00:00+01:00" });

    expect(ids).toEqual([newestFirst[0]?.id]);
  });

  it("filters by action and outcome, together and with pages", async () => {
    const deletions = await listAll({ ...january, action: "deleteConversation", limit: "1" });
    const succeededDeletions = await listAll({
      ...january,
      action: "deleteConversation",
      outcome: "succeeded",
    });
    const denied = await listAll({ ...january, outcome: "denied" });

    const expected = (keep: (event: SeededEvent) => boolean) =>
      newestFirst.filter(keep).map((event) => event.id);
    expect(deletions).toEqual(expected((event) => event.action === "deleteConversation"));
    expect(deletions).toHaveLength(3);
    expect(succeededDeletions).toEqual(
      expected((event) => event.action === "deleteConversation" && event.outcome === "succeeded"),
    );
    expect(denied).toEqual(expected((event) => event.outcome === "denied"));
  });

  it("audits every listing itself, as an admin action, once it has answered", async () => {
    const first = await api.call("GET /v1/audit/events", {
      query: { action: "listAuditEvents" },
      sub: "audit-reader",
    });
    const second = await api.call("GET /v1/audit/events", {
      query: { action: "listAuditEvents" },
      sub: "audit-reader",
    });

    const byReader = (page: { body: { data: Array<{ actor: { subject: string } }> } }) =>
      page.body.data.filter((event) => event.actor.subject === "audit-reader");
    expect(byReader(first)).toEqual([]);
    expect(byReader(second)).toMatchObject([
      { action: "listAuditEvents", resource: null, outcome: "succeeded", status: 200 },
    ]);
  });

  it("refuses an until that is not after since", async () => {
    const response = await api.call("GET /v1/audit/events", {
      query: { since: "2025-01-02T00:00:00Z", until: "2025-01-02T00:00:00Z" },
    });

    expect(response).toMatchObject({
      status: 400,
      body: {
        code: "VALIDATION_FAILED",
        errors: [
          {
            path: "query.until",
            message:
              "must be after since (2025-01-02T00:00:00Z): until is exclusive, so the range holds no event",
          },
        ],
      },
    });
  });

  it("refuses invalid filters with every invalid field", async () => {
    const response = await api.call("GET /v1/audit/events", {
      query: { since: "yesterday", outcome: "maybe", action: "DROP TABLE", limit: "500", colour: "red" },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION_FAILED");
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "query",
      "query.action",
      "query.limit",
      "query.outcome",
      "query.since",
    ]);
  });

  it("refuses a cursor it did not issue", async () => {
    const response = await api.call("GET /v1/audit/events", { query: { cursor: "bm90LWEtY3Vyc29y" } });

    expect(response).toMatchObject({ status: 400, body: { errors: [{ path: "query.cursor" }] } });
  });
});
