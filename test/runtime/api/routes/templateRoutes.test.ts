import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsOf } from "../../../../runtime/api/groupOperations.ts";
import { templateRoutes } from "../../../../runtime/api/routes/templateRoutes.ts";
import { groupHarness } from "../support/dataGroupHarness.ts";
import { createTenantTestDatabase, type TenantTestDatabase } from "../support/tenantTestDatabase.ts";

const templateOperations = operationsOf(templateRoutes);

let tenantDb: TenantTestDatabase;
let api: Awaited<ReturnType<typeof groupHarness>>;

const missingId = "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b";

async function createTemplate(name: string, body = "Hello {{name}}") {
  const response = await api.call("POST /v1/templates", { body: { name, body } });
  expect(response.status).toBe(201);
  return response.body;
}

beforeAll(async () => {
  tenantDb = await createTenantTestDatabase("templates");
  api = await groupHarness("data", templateOperations, tenantDb);
});

afterAll(async () => {
  await tenantDb.close();
});

describe("template operations", () => {
  it("creates, reads, updates and deletes a template", async () => {
    // Act
    const created = await api.call("POST /v1/templates", {
      body: { name: "discharge-summary", description: "For ward 4b", body: "Summarise for {{ patient }}." },
    });
    const id = created.body.id;
    const read = await api.call("GET /v1/templates/{templateId}", { pathParameters: { templateId: id } });
    const updated = await api.call("PATCH /v1/templates/{templateId}", {
      pathParameters: { templateId: id },
      body: { description: null },
    });
    const deleted = await api.call("DELETE /v1/templates/{templateId}", {
      pathParameters: { templateId: id },
    });
    const gone = await api.call("GET /v1/templates/{templateId}", { pathParameters: { templateId: id } });

    // Assess
    expect(created).toMatchObject({
      status: 201,
      body: {
        name: "discharge-summary",
        description: "For ward 4b",
        body: "Summarise for {{ patient }}.",
        variables: ["patient"],
        version: 1,
      },
    });
    expect(read.body).toEqual(created.body);
    expect(updated).toMatchObject({ status: 200, body: { id, description: null, version: 1 } });
    expect(deleted).toMatchObject({ status: 204, body: undefined });
    expect(gone).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND", detail: `no template ${id} in this tenant; list them to find valid ids` },
    });
  });

  it("adds a version only when the body changes", async () => {
    const { id } = await createTemplate("versioned", "v1 {{a}}");
    const templateId = { templateId: id };

    const renamed = await api.call("PATCH /v1/templates/{templateId}", {
      pathParameters: templateId,
      body: { name: "versioned-renamed" },
    });
    const sameBody = await api.call("PATCH /v1/templates/{templateId}", {
      pathParameters: templateId,
      body: { body: "v1 {{a}}" },
    });
    const newBody = await api.call("PATCH /v1/templates/{templateId}", {
      pathParameters: templateId,
      body: { body: "v2 {{a}} {{b}}" },
    });

    expect(renamed.body).toMatchObject({ name: "versioned-renamed", version: 1 });
    expect(sameBody.body.version).toBe(1);
    expect(newBody.body).toMatchObject({ body: "v2 {{a}} {{b}}", variables: ["a", "b"], version: 2 });
    expect(Date.parse(newBody.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(renamed.body.updatedAt));
  });

  it("refuses a duplicate name on create and on rename with 409 CONFLICT", async () => {
    await createTemplate("taken");
    const other = await createTemplate("free");

    const duplicate = await api.call("POST /v1/templates", { body: { name: "taken", body: "x" } });
    const rename = await api.call("PATCH /v1/templates/{templateId}", {
      pathParameters: { templateId: other.id },
      body: { name: "taken" },
    });

    const detail =
      'a template named "taken" already exists; choose another name, or change that template with PATCH /v1/templates/{templateId}';
    expect(duplicate).toMatchObject({ status: 409, body: { code: "CONFLICT", detail } });
    expect(rename).toMatchObject({ status: 409, body: { code: "CONFLICT", detail } });
  });

  it("answers 404 for update, delete and render of a template that does not exist", async () => {
    const pathParameters = { templateId: missingId };

    const responses = [
      await api.call("PATCH /v1/templates/{templateId}", { pathParameters, body: { name: "x" } }),
      await api.call("DELETE /v1/templates/{templateId}", { pathParameters }),
      await api.call("POST /v1/templates/{templateId}/render", { pathParameters, body: { variables: {} } }),
    ];

    for (const response of responses) {
      expect(response).toMatchObject({
        status: 404,
        body: {
          code: "NOT_FOUND",
          detail: `no template ${missingId} in this tenant; list them to find valid ids`,
        },
      });
    }
  });

  it("lists templates by name across pages without repeats or gaps", async () => {
    const names = ["list-c", "list-a", "list-e", "list-b", "list-d"];
    for (const name of names) await createTemplate(name);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call("GET /v1/templates", {
        query: { limit: "2", ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((template: { name: string }) => template.name));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);

    expect(seen.filter((name) => name.startsWith("list-"))).toEqual([
      "list-a",
      "list-b",
      "list-c",
      "list-d",
      "list-e",
    ]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("renders with the template's current version, ignoring extra variables", async () => {
    const { id } = await createTemplate("render-me", "Dear {{name}}, re {{ topic }}.");

    const response = await api.call("POST /v1/templates/{templateId}/render", {
      pathParameters: { templateId: id },
      body: { variables: { name: "Dana", topic: "results", unused: "ignored" } },
    });

    expect(response).toMatchObject({
      status: 200,
      body: { templateId: id, version: 1, text: "Dear Dana, re results." },
    });
  });

  it("refuses a render with missing variables with 422, naming every one", async () => {
    const { id } = await createTemplate("render-missing", "{{greeting}} {{name}}, {{topic}}");

    const response = await api.call("POST /v1/templates/{templateId}/render", {
      pathParameters: { templateId: id },
      body: { variables: { name: "Dana" } },
    });

    expect(response).toMatchObject({
      status: 422,
      body: {
        code: "TEMPLATE_VARIABLE_MISSING",
        title: "A template variable has no value",
        detail: "the template uses variables with no value: greeting, topic; pass each in variables",
        errors: [
          { path: "body.variables.greeting", message: "is missing: the template uses {{greeting}}" },
          { path: "body.variables.topic", message: "is missing: the template uses {{topic}}" },
        ],
      },
    });
  });

  it("refuses an invalid template with every invalid field", async () => {
    const response = await api.call("POST /v1/templates", {
      body: { name: "", body: "Hello {{ first name }}", extra: true },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION_FAILED");
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "body",
      "body.body",
      "body.name",
    ]);
    expect(
      response.body.errors.find((error: { path: string }) => error.path === "body.body").message,
    ).toMatch(/^has a malformed placeholder near/);
  });

  it("refuses an empty update and an invalid variable name", async () => {
    const { id } = await createTemplate("validated");

    const empty = await api.call("PATCH /v1/templates/{templateId}", {
      pathParameters: { templateId: id },
      body: {},
    });
    const badName = await api.call("POST /v1/templates/{templateId}/render", {
      pathParameters: { templateId: id },
      body: { variables: { "not a name": "x" } },
    });

    expect(empty).toMatchObject({
      status: 400,
      body: {
        code: "VALIDATION_FAILED",
        errors: [
          { path: "body", message: "is empty; give at least one field to change: name, description, body" },
        ],
      },
    });
    expect(badName).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED" } });
  });

  it("refuses a template id that is not a UUID", async () => {
    const response = await api.call("GET /v1/templates/{templateId}", {
      pathParameters: { templateId: "../settings" },
    });

    expect(response).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", errors: [{ path: "path.templateId" }] },
    });
  });

  it("audits changes and renders with the template as resource, not plain reads", async () => {
    const created = await api.call("POST /v1/templates", {
      body: { name: "audited-template", body: "{{x}}" },
      sub: "template-auditor",
    });
    const templateId = { templateId: created.body.id };
    await api.call("GET /v1/templates/{templateId}", { pathParameters: templateId, sub: "template-auditor" });
    await api.call("POST /v1/templates/{templateId}/render", {
      pathParameters: templateId,
      body: { variables: {} },
      sub: "template-auditor",
    });

    const { rows } = await tenantDb.pool.query(
      "SELECT action, resource, outcome, status FROM audit_events WHERE subject = 'template-auditor' ORDER BY occurred_at",
    );

    expect(rows).toEqual([
      {
        action: "createTemplate",
        resource: `templates/${created.body.id}`,
        outcome: "succeeded",
        status: 201,
      },
      { action: "renderTemplate", resource: null, outcome: "failed", status: 422 },
    ]);
  });
});
