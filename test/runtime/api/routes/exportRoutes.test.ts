import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { exportRoutes } from "../../../../runtime/api/routes/exportRoutes.ts";
import { writeAuditEvent } from "../../../../runtime/core/audit/auditLog.ts";
import { conversationStore } from "../../../../runtime/core/conversations/conversationStore.ts";
import { messageStore } from "../../../../runtime/core/conversations/messageStore.ts";
import { SiloError } from "../../../../runtime/core/errors/siloError.ts";
import { usageNotYetExportedNote } from "../../../../runtime/core/jobs/buildExportContent.ts";
import { databaseExportStorage } from "../../../../runtime/core/jobs/databaseExportStorage.ts";
import { type ExportStorage, maxExportDownloadBytes } from "../../../../runtime/core/jobs/exportStorage.ts";
import { exportStore } from "../../../../runtime/core/jobs/exportStore.ts";
import { templateStore } from "../../../../runtime/core/templates/templateStore.ts";
import { groupHarness } from "../support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const exportOperations = operationsOf(exportRoutes);

let tenantDb: TenantTestDatabase;
let storage: ExportStorage;
let api: Awaited<ReturnType<typeof groupHarness>>;
let clock: Date;

const missingId = "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b";
const downloadUrlFor = (exportId: string) =>
  `http://127.0.0.1:4000/acme-health/v1/exports/${exportId}/download`;

/** The admin harness over this file's database with `exportStorage` as the export storage. */
function harnessWith(exportStorage: ExportStorage) {
  return groupHarness("admin", exportOperations, tenantDb, {
    exportStorage,
    now: () => clock,
  });
}

/** An export file's lines, parsed. */
async function exportedLines(
  exportId: string,
): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  const content = await storage.read(exportId);
  if (content === undefined) throw new Error(`export ${exportId} has no readable file`);
  const text = content.toString("utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));
}

let conversationId: string;
let templateId: string;

beforeAll(async () => {
  clock = new Date();
  tenantDb = await createTenantTestDatabase("exports");
  storage = databaseExportStorage({ db: tenantDb.db, downloadUrlFor, now: () => clock });
  api = await harnessWith(storage);

  const conversation = await conversationStore.create(tenantDb.db, {
    title: "Ward 4b",
    createdBy: "nurse-1",
  });
  conversationId = conversation.id;
  await tenantDb.db.transaction((client) =>
    messageStore.append(client, conversation.id, [
      { role: "user", content: "hello" },
      { role: "assistant", content: "echo: hello", model: "claude-sonnet" },
    ]),
  );
  templateId = (await templateStore.create(tenantDb.db, { name: "greeting", body: "Hi {{name}}" })).id;
  await writeAuditEvent(tenantDb.db, {
    subject: "nurse-1",
    clientId: null,
    action: "createConversation",
    resource: `conversations/${conversation.id}`,
    outcome: "succeeded",
    status: 201,
    requestId: "seed-request",
    sourceIp: null,
  });
});

afterAll(async () => {
  await tenantDb.close();
});

describe("export operations", () => {
  it("exports everything inline and answers 202 with the succeeded job and its download", async () => {
    // Act
    const response = await api.call("POST /v1/exports", { body: {} });

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      resources: ["conversations", "messages", "templates", "settings", "usage", "audit"],
      status: "succeeded",
      error: null,
      download: {
        url: downloadUrlFor(response.body.id),
        expiresAt: new Date(clock.getTime() + 24 * 60 * 60 * 1000).toISOString(),
      },
    });
    expect(response.body.startedAt).toEqual(expect.any(String));
    expect(response.body.completedAt).toEqual(expect.any(String));
    const content = (await storage.read(response.body.id)) as Buffer;
    expect(response.body.download.sizeBytes).toBe(content.length);
    expect(response.body.download.sha256).toBe(createHash("sha256").update(content).digest("hex"));
  });

  it("writes JSON Lines: a manifest, then each resource in its API shape, usage empty with a note", async () => {
    const { body } = await api.call("POST /v1/exports", { body: {} });

    const lines = await exportedLines(body.id);

    expect(lines[0]).toEqual({
      type: "manifest",
      data: {
        exportId: body.id,
        tenantId: "acme-health",
        createdAt: body.createdAt,
        resources: ["conversations", "messages", "templates", "settings", "usage", "audit"],
        notes: [usageNotYetExportedNote],
      },
    });
    expect(lines.map((line) => line.type)).toEqual([
      "manifest",
      "conversation",
      "message",
      "message",
      "template",
      "settings",
      ...lines.slice(6).map(() => "auditEvent"),
    ]);
    expect(lines[1]?.data).toMatchObject({ id: conversationId, title: "Ward 4b", messageCount: 2 });
    expect(lines.slice(2, 4).map((line) => line.data.content)).toEqual(["hello", "echo: hello"]);
    expect(lines[4]?.data).toMatchObject({ id: templateId, name: "greeting", variables: ["name"] });
    expect(lines[5]?.data).toMatchObject({ defaultModel: "claude-sonnet", systemPrompt: null });
    expect(lines.slice(6).map((line) => line.data.action)).toContain("createConversation");
  });

  it("exports only the resources asked for", async () => {
    const { body } = await api.call("POST /v1/exports", {
      body: { resources: ["templates", "conversations"] },
    });

    const lines = await exportedLines(body.id);

    expect(body.resources).toEqual(["templates", "conversations"]);
    expect(lines[0]?.data).toMatchObject({ resources: ["conversations", "templates"], notes: [] });
    expect(lines.map((line) => line.type)).toEqual(["manifest", "conversation", "template"]);
  });

  it("gets an export as the POST answered it, and 404 for one that does not exist", async () => {
    const created = await api.call("POST /v1/exports", { body: { resources: ["settings"] } });

    const read = await api.call("GET /v1/exports/{exportId}", {
      pathParameters: { exportId: created.body.id },
    });
    const missing = await api.call("GET /v1/exports/{exportId}", { pathParameters: { exportId: missingId } });

    expect(read).toMatchObject({ status: 200, body: created.body });
    expect(missing).toMatchObject({
      status: 404,
      body: {
        code: "NOT_FOUND",
        detail: `no export ${missingId} in this tenant; list them to find valid ids`,
      },
    });
  });

  it("lists exports newest first across pages", async () => {
    const created: string[] = [];
    for (let index = 0; index < 4; index++) {
      created.push((await api.call("POST /v1/exports", { body: { resources: ["settings"] } })).body.id);
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call("GET /v1/exports", {
        query: { limit: "3", ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((job: { id: string }) => job.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);

    expect(seen.slice(0, 4)).toEqual([...created].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("stops offering the download once the link expires", async () => {
    const { body } = await api.call("POST /v1/exports", { body: { resources: ["settings"] } });
    const started = clock;

    clock = new Date(started.getTime() + 24 * 60 * 60 * 1000 + 1000);
    const expired = await api.call("GET /v1/exports/{exportId}", { pathParameters: { exportId: body.id } });
    const file = await storage.read(body.id);
    clock = started;

    expect(expired.body).toMatchObject({ id: body.id, status: "succeeded", download: null });
    expect(file).toBeUndefined();
  });

  it("records a storage failure on the job: 202 with status failed, its code and message", async () => {
    // Prepare
    const failing = await harnessWith({
      read: storage.read,
      put: async () => {
        throw new SiloError(
          "EXPORT_STORAGE_UNAVAILABLE",
          "the export bucket refused the file; retry the export",
        );
      },
    });

    // Act
    const response = await failing.call("POST /v1/exports", { body: { resources: ["templates"] } });
    const read = await api.call("GET /v1/exports/{exportId}", {
      pathParameters: { exportId: response.body.id },
    });

    // Assess
    expect(response).toMatchObject({
      status: 202,
      body: {
        status: "failed",
        download: null,
        error: {
          code: "EXPORT_STORAGE_UNAVAILABLE",
          message: "the export bucket refused the file; retry the export",
        },
      },
    });
    expect(response.body.completedAt).toEqual(expect.any(String));
    expect(read.body).toEqual(response.body);
  });

  it("answers an unexpected fault as 500 and leaves the job failed, quoting the request id", async () => {
    const failing = await harnessWith({
      read: storage.read,
      put: async () => {
        throw new Error("ECONNRESET s3.internal:443");
      },
    });

    const response = await failing.call("POST /v1/exports", { body: { resources: ["audit"] } });
    const { rows } = await tenantDb.pool.query(
      "SELECT status, error_code, error_message FROM data_exports WHERE resources = '{audit}'",
    );

    expect(response).toMatchObject({ status: 500, body: { code: "INTERNAL_ERROR" } });
    expect(rows).toEqual([
      {
        status: "failed",
        error_code: "EXPORT_FAILED",
        error_message: `the job failed unexpectedly; quote request id ${response.body.requestId} when reporting it`,
      },
    ]);
    expect(failing.logs).toContainEqual(
      expect.objectContaining({ level: "error", error: "Error: ECONNRESET s3.internal:443" }),
    );
  });

  it("refuses unknown, repeated or no resources with the field's location", async () => {
    const unknown = await api.call("POST /v1/exports", { body: { resources: ["secrets"] } });
    const repeated = await api.call("POST /v1/exports", { body: { resources: ["usage", "usage"] } });
    const none = await api.call("POST /v1/exports", { body: { resources: [] } });

    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ path: "body.resources[0]" }] } });
    expect(repeated).toMatchObject({
      status: 400,
      body: { errors: [{ path: "body.resources", message: "names a resource twice; list each once" }] },
    });
    expect(none).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            path: "body.resources",
            message: "must name at least one resource; omit it to export everything",
          },
        ],
      },
    });
  });

  it("exports once per Idempotency-Key and replays the first job", async () => {
    const headers = { "idempotency-key": "export-once" };

    const first = await api.call("POST /v1/exports", { body: { resources: ["usage"] }, headers });
    const replay = await api.call("POST /v1/exports", { body: { resources: ["usage"] }, headers });

    expect(replay).toMatchObject({
      status: 202,
      body: first.body,
      headers: { "idempotent-replayed": "true" },
    });
    const { rows } = await tenantDb.pool.query(
      "SELECT count(*)::int AS n FROM data_exports WHERE resources = '{usage}'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("audits starting and reading exports, with the export as resource", async () => {
    const created = await api.call("POST /v1/exports", {
      body: { resources: ["settings"] },
      sub: "export-admin",
    });
    await api.call("GET /v1/exports/{exportId}", {
      pathParameters: { exportId: created.body.id },
      sub: "export-admin",
    });
    await api.call("GET /v1/exports", { sub: "export-admin" });

    const { rows } = await tenantDb.pool.query(
      "SELECT action, resource, status FROM audit_events WHERE subject = 'export-admin' ORDER BY occurred_at",
    );

    expect(rows).toEqual([
      { action: "createExport", resource: `exports/${created.body.id}`, status: 202 },
      { action: "getExport", resource: `exports/${created.body.id}`, status: 200 },
      { action: "listExports", resource: null, status: 200 },
    ]);
  });
});

describe("export downloads", () => {
  const download = (exportId: string, input: { sub?: string } = {}) =>
    api.call("GET /v1/exports/{exportId}/download", { pathParameters: { exportId }, ...input });

  it("answers the finished file as JSON Lines, named, with the job's SHA-256 as ETag and Repr-Digest", async () => {
    // Prepare
    const { body: job } = await api.call("POST /v1/exports", { body: { resources: ["templates"] } });

    // Act
    const response = await download(job.id);

    // Assess
    const stored = (await storage.read(job.id)) as Buffer;
    const sha256 = createHash("sha256").update(response.body).digest();
    expect(response.status).toBe(200);
    expect(Buffer.isBuffer(response.body)).toBe(true);
    expect(response.body.equals(stored)).toBe(true);
    expect(response.body.length).toBe(job.download.sizeBytes);
    expect(sha256.toString("hex")).toBe(job.download.sha256);
    expect(response.headers).toEqual({
      "content-type": "application/jsonl",
      "content-disposition": `attachment; filename="acme-health-export-${job.id}.jsonl"`,
      etag: `"${job.download.sha256}"`,
      "repr-digest": `sha-256=:${sha256.toString("base64")}:`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "x-request-id": expect.any(String),
    });
    expect(JSON.parse(response.body.toString("utf8").split("\n")[0])).toMatchObject({
      type: "manifest",
      data: { exportId: job.id, resources: ["templates"] },
    });
  });

  it("answers 404 for an export that does not exist", async () => {
    const response = await download(missingId);

    expect(response).toMatchObject({
      status: 404,
      body: {
        code: "NOT_FOUND",
        detail: `no export ${missingId} in this tenant; list them to find valid ids`,
      },
    });
  });

  it("answers 409 while the export is pending or running, saying to poll it", async () => {
    // Prepare
    const job = await exportStore.create(tenantDb.db, { resources: ["settings"], requestedBy: "test" });

    // Act
    const pending = await download(job.id);
    await exportStore.markRunning(tenantDb.db, job.id);
    const running = await download(job.id);

    // Assess
    for (const [response, status] of [
      [pending, "pending"],
      [running, "running"],
    ] as const) {
      expect(response).toMatchObject({
        status: 409,
        body: {
          code: "EXPORT_NOT_DOWNLOADABLE",
          detail: `export ${job.id} is ${status}; poll GET /v1/exports/${job.id} until its status is succeeded, then download it`,
        },
      });
    }
  });

  it("answers 409 for a failed export, naming its error", async () => {
    // Prepare
    const failing = await harnessWith({
      read: storage.read,
      put: async () => {
        throw new SiloError(
          "EXPORT_STORAGE_UNAVAILABLE",
          "the export bucket refused the file; retry the export",
        );
      },
    });
    const { body: job } = await failing.call("POST /v1/exports", { body: { resources: ["templates"] } });

    // Act
    const response = await download(job.id);

    // Assess
    expect(response).toMatchObject({
      status: 409,
      body: {
        code: "EXPORT_NOT_DOWNLOADABLE",
        detail: `export ${job.id} failed (EXPORT_STORAGE_UNAVAILABLE) and has no file; start a new one with POST /v1/exports`,
      },
    });
  });

  it("answers 409 once the link has expired", async () => {
    // Prepare
    const { body: job } = await api.call("POST /v1/exports", { body: { resources: ["settings"] } });
    const started = clock;

    // Act
    clock = new Date(started.getTime() + 24 * 60 * 60 * 1000 + 1000);
    const response = await download(job.id).finally(() => {
      clock = started;
    });

    // Assess
    expect(response).toMatchObject({
      status: 409,
      body: {
        code: "EXPORT_NOT_DOWNLOADABLE",
        detail: `the download of export ${job.id} has expired; start a new export with POST /v1/exports`,
      },
    });
  });

  it("fails an export too large for one response, saying how to make it smaller", async () => {
    // Prepare
    const small = await harnessWith(
      databaseExportStorage({ db: tenantDb.db, downloadUrlFor, now: () => clock, maxFileBytes: 64 }),
    );

    // Act
    const { status, body: job } = await small.call("POST /v1/exports", { body: {} });

    // Assess
    expect(status).toBe(202);
    expect(job).toMatchObject({ status: "failed", download: null, error: { code: "EXPORT_TOO_LARGE" } });
    expect(job.error.message).toMatch(
      new RegExp(
        `^export ${job.id} is \\d+ bytes; the API returns at most 64 bytes per download\\. Export fewer resources`,
      ),
    );
    expect(await download(job.id)).toMatchObject({ status: 409, body: { code: "EXPORT_NOT_DOWNLOADABLE" } });
  });

  it("answers 413 for a stored file over the download limit instead of an oversized Lambda response", async () => {
    // Prepare: a file stored before the limit, or by a storage that does not enforce it.
    const { body: job } = await api.call("POST /v1/exports", { body: { resources: ["settings"] } });
    const oversized = await harnessWith({
      put: storage.put,
      read: async () => Buffer.alloc(maxExportDownloadBytes + 1, 0x20),
    });

    // Act
    const response = await oversized.call("GET /v1/exports/{exportId}/download", {
      pathParameters: { exportId: job.id },
    });

    // Assess
    expect(response).toMatchObject({
      status: 413,
      body: {
        code: "EXPORT_TOO_LARGE",
        detail: expect.stringContaining(
          `export ${job.id} is ${maxExportDownloadBytes + 1} bytes; the API returns at most ${maxExportDownloadBytes} bytes per download`,
        ),
      },
    });
  });

  it("answers 500 rather than a file that does not match the job's SHA-256", async () => {
    const { body: job } = await api.call("POST /v1/exports", { body: { resources: ["settings"] } });
    const tampered = await harnessWith({ put: storage.put, read: async () => Buffer.from("tampered\n") });

    const response = await tampered.call("GET /v1/exports/{exportId}/download", {
      pathParameters: { exportId: job.id },
    });

    expect(response).toMatchObject({ status: 500, body: { code: "INTERNAL_ERROR" } });
    expect(tampered.logs).toContainEqual(
      expect.objectContaining({ level: "error", error: expect.stringContaining("the job recorded") }),
    );
  });

  it("audits each download with the export as resource, and a refused one as failed", async () => {
    const { body: job } = await api.call("POST /v1/exports", { body: { resources: ["settings"] } });

    await download(job.id, { sub: "export-downloader" });
    await download(missingId, { sub: "export-downloader" });

    const { rows } = await tenantDb.pool.query(
      "SELECT action, resource, outcome, status FROM audit_events WHERE subject = 'export-downloader' ORDER BY occurred_at",
    );
    expect(rows).toEqual([
      { action: "downloadExport", resource: `exports/${job.id}`, outcome: "succeeded", status: 200 },
      { action: "downloadExport", resource: null, outcome: "failed", status: 404 },
    ]);
  });
});
