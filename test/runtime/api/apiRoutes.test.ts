import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../runtime/api/apiRoutes.ts";
import { routes } from "../../../runtime/api/routes.ts";

function pathParameterNames(path: string): string[] {
  return Array.from(path.matchAll(/\{([^}]+)\}/g), (match) => match[1] as string);
}

describe("apiRoutes", () => {
  it("defines exactly the routes of the generated table, in its order", () => {
    expect(apiRoutes.map((route) => route.operationId)).toEqual(routes.map((route) => route.operationId));
  });

  it("joins every route with its schemas in apiRoutes", () => {
    expect(apiRoutes.map((route) => route.routeKey)).toEqual(routes.map((route) => route.routeKey));
  });

  it("has a pathParams key for every {parameter} in each path, and no other", () => {
    for (const route of apiRoutes) {
      // Prepare
      const inPath = pathParameterNames(route.path).sort();

      // Act
      const inSchema = Object.keys(route.pathParams?.shape ?? {}).sort();

      // Assess
      expect({ route: route.routeKey, params: inSchema }).toEqual({ route: route.routeKey, params: inPath });
    }
  });

  it("has a response schema on every route unless it answers 204 or a file", () => {
    for (const route of apiRoutes) {
      expect({ route: route.routeKey, hasSchema: route.response.schema !== undefined }).toEqual({
        route: route.routeKey,
        hasSchema: route.response.status !== 204 && route.response.file === undefined,
      });
    }
  });

  it("answers a file only on the export download, a GET", () => {
    const fileRoutes = apiRoutes.filter((route) => route.response.file !== undefined);

    expect(fileRoutes.map((route) => route.routeKey)).toEqual(["GET /v1/exports/{exportId}/download"]);
    expect(fileRoutes[0]?.response.file?.mediaType).toBe("application/jsonl");
  });

  it("answers 204 exactly on DELETE, 201 or 202 only on POST", () => {
    for (const route of apiRoutes) {
      expect(route.response.status === 204).toBe(route.method === "DELETE");
      if (route.response.status === 201 || route.response.status === 202) expect(route.method).toBe("POST");
    }
  });

  it("takes a body exactly on POST, PUT and PATCH, and a query only on GET", () => {
    for (const route of apiRoutes) {
      expect({ route: route.routeKey, body: route.body !== undefined }).toEqual({
        route: route.routeKey,
        body: ["POST", "PUT", "PATCH"].includes(route.method),
      });
      if (route.query !== undefined) expect(route.method).toBe("GET");
    }
  });

  it("paginates every list whose summary says so", () => {
    const paginated = apiRoutes.filter((route) => route.summary.includes("(cursor pagination)"));

    expect(paginated.length).toBeGreaterThan(0);
    for (const route of paginated) {
      expect(Object.keys(route.query?.shape ?? {})).toEqual(expect.arrayContaining(["limit", "cursor"]));
      expect(Object.keys((route.response.schema as { shape?: object }).shape ?? {})).toEqual([
        "data",
        "nextCursor",
      ]);
    }
  });
});
