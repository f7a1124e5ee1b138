import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../../runtime/api/apiRoutes.ts";
import { errorResponseObject, errorStatusesFor } from "../../../../runtime/api/openapi/errorResponses.ts";

function statusesOf(routeKey: string) {
  const route = apiRoutes.find((candidate) => candidate.routeKey === routeKey);
  if (route === undefined) throw new Error(`no route ${routeKey}`);
  return errorStatusesFor(route);
}

describe("errorStatusesFor", () => {
  it("gives the health check only throttling and internal errors", () => {
    expect(statusesOf("GET /v1/health")).toEqual([429, 500]);
  });

  it("gives a plain authenticated read auth, throttling and internal errors", () => {
    expect(statusesOf("GET /v1/settings")).toEqual([401, 403, 429, 500]);
  });

  it("adds validation and 404 for a route with a path parameter", () => {
    expect(statusesOf("DELETE /v1/templates/{templateId}")).toEqual([400, 401, 403, 404, 429, 500]);
  });

  it("adds 409 (not ready) and 413 (too large) for a route that serves a job's file", () => {
    expect(statusesOf("GET /v1/exports/{exportId}/download")).toEqual([
      400, 401, 403, 404, 409, 413, 429, 500,
    ]);
  });

  it("adds 409, 413, 422 and the model's 502 and 504 for sending a message", () => {
    expect(statusesOf("POST /v1/conversations/{conversationId}/messages")).toEqual([
      400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 504,
    ]);
  });
});

describe("errorResponseObject", () => {
  it("offers API Gateway's own body as well where the edge can answer", () => {
    expect(Object.keys(errorResponseObject(403).content ?? {})).toEqual([
      "application/problem+json",
      "application/json",
    ]);
    expect(Object.keys(errorResponseObject(404).content ?? {})).toEqual(["application/problem+json"]);
  });

  it("documents WWW-Authenticate on 401 and Retry-After on 429", () => {
    expect(Object.keys(errorResponseObject(401).headers ?? {})).toEqual(["WWW-Authenticate"]);
    expect(Object.keys(errorResponseObject(429).headers ?? {})).toEqual(["Retry-After"]);
  });
});
