import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import packageJson from "../../../../package.json" with { type: "json" };
import { buildOpenApiDocument } from "../../../../runtime/api/openapi/buildOpenApiDocument.ts";
import type { OpenApiDocument, OperationObject } from "../../../../runtime/api/openapi/openApiTypes.ts";
import { routes } from "../../../../runtime/api/routes.ts";

/** Lints with Redocly's `recommended` ruleset (structure against the OpenAPI 3.1 schema, refs, params, ...). */
async function lint(document: unknown): Promise<string[]> {
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({
    source: JSON.stringify(document),
    absoluteRef: "openapi.json",
    config,
  });
  return problems.map(
    (problem: NormalizedProblem) =>
      `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer ?? ""}: ${problem.message}`,
  );
}

function operationOf(document: OpenApiDocument, path: string, method: string): OperationObject {
  const operation = document.paths[path]?.[method as "get"];
  if (operation === undefined) throw new Error(`no ${method} ${path} in the document`);
  return operation;
}

describe("buildOpenApiDocument", () => {
  const document = buildOpenApiDocument();

  it("passes Redocly's recommended ruleset with no errors and no warnings", async () => {
    expect(await lint(document)).toEqual([]);
  });

  it("is caught by the linter when it is broken, so the passing lint means something", async () => {
    // Prepare: drop the path parameter of GET /v1/conversations/{conversationId}.
    const broken = structuredClone(document) as {
      paths: Record<string, Record<string, { parameters?: unknown }>>;
    };
    const getConversation = broken.paths["/v1/conversations/{conversationId}"]?.get;
    if (getConversation) delete getConversation.parameters;

    // Act
    const problems = await lint(broken);

    // Assess
    expect(problems.some((problem) => problem.startsWith("error path-parameters-defined"))).toBe(true);
  });

  it("is OpenAPI 3.1 with the package version, the siloJwt bearer scheme and the tenant server", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.version).toBe(packageJson.version);
    expect(document.components.securitySchemes.siloJwt).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    expect(document.servers[0]?.url).toBe("https://{apiDomain}/{tenantId}");
    expect(Object.keys(document.servers[0]?.variables ?? {})).toEqual(["apiDomain", "tenantId"]);
  });

  it("has one operation per route, with its operationId, summary and scope", () => {
    for (const route of routes) {
      const operation = operationOf(document, route.path, route.method.toLowerCase());

      expect(operation).toMatchObject({
        operationId: route.operationId,
        summary: route.summary,
        security: route.scope === null ? [] : [{ siloJwt: [route.scope] }],
      });
      expect(operation.tags).toHaveLength(1);
    }
  });

  it("documents path, query and header parameters", () => {
    const listMessages = operationOf(document, "/v1/conversations/{conversationId}/messages", "get");
    const sendMessage = operationOf(document, "/v1/conversations/{conversationId}/messages", "post");

    expect(listMessages.parameters).toMatchObject([
      { name: "conversationId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
      { name: "limit", in: "query", required: false, schema: { type: "integer", default: 20, maximum: 100 } },
      { name: "cursor", in: "query", required: false },
    ]);
    expect(sendMessage.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
  });

  it("refers to named schemas for bodies and responses, and holds each once in components", () => {
    const create = operationOf(document, "/v1/chat/completions", "post");

    expect(create.requestBody?.content["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/CreateChatCompletionRequest",
    });
    expect(create.responses["200"]).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/ChatCompletion" } } },
    });
    expect(document.components.schemas.CreateChatCompletionRequest).toMatchObject({
      additionalProperties: {},
      required: ["model", "messages"],
    });
    expect(document.components.schemas.Conversation).toMatchObject({ additionalProperties: false });
  });

  it("answers DELETE with a 204 without content", () => {
    const deleteConversation = operationOf(document, "/v1/conversations/{conversationId}", "delete");

    expect(deleteConversation.responses["204"]).toMatchObject({ description: "Done; no content" });
  });

  it("describes a file download by its media type and headers, not as JSON", () => {
    const downloadExport = operationOf(document, "/v1/exports/{exportId}/download", "get");

    expect(downloadExport.responses["200"]).toMatchObject({
      content: { "application/jsonl": { schema: { type: "string" } } },
      headers: {
        "Content-Disposition": { schema: { type: "string" } },
        ETag: { schema: { type: "string" } },
        "Repr-Digest": { schema: { type: "string" } },
      },
    });
    expect(downloadExport.responses["303"]).toMatchObject({
      headers: { Location: { schema: { type: "string" } } },
      content: { "application/json": { schema: { required: ["url", "expiresAt"] } } },
    });
    expect(Object.keys(downloadExport.responses)).toEqual([
      "200",
      "303",
      "400",
      "401",
      "403",
      "404",
      "409",
      "413",
      "429",
      "500",
    ]);
  });

  it("lists the error responses that fit each route, as shared problem+json responses", () => {
    const health = operationOf(document, "/v1/health", "get");
    const chat = operationOf(document, "/v1/chat/completions", "post");

    expect(Object.keys(health.responses)).toEqual(["200", "429", "500"]);
    expect(Object.keys(chat.responses)).toEqual([
      "200",
      "400",
      "401",
      "403",
      "409",
      "413",
      "422",
      "429",
      "500",
      "502",
      "504",
    ]);
    expect(chat.responses["429"]).toEqual({ $ref: "#/components/responses/TooManyRequests" });
    expect(document.components.responses.TooManyRequests).toMatchObject({
      headers: { "Retry-After": { schema: { type: "integer" } } },
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    });
  });

  it("builds the same document every time", () => {
    expect(JSON.stringify(buildOpenApiDocument())).toBe(JSON.stringify(document));
  });
});
