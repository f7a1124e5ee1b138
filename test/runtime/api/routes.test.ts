import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { findRoute, routes } from "../../../runtime/api/routes.ts";
import { isScope } from "../../../runtime/api/scopes.ts";

describe("routes", () => {
  it("has 34 routes with unique route keys", () => {
    const keys = routes.map((route) => route.routeKey);

    expect(keys).toHaveLength(34);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("derives each route key from its method and path", () => {
    for (const route of routes) {
      expect(route.routeKey).toBe(`${route.method} ${route.path}`);
    }
  });

  it("has unique operationIds", () => {
    const operationIds = routes.map((route) => route.operationId);

    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it("requires a known scope on every route but the health check", () => {
    const unscoped = routes.filter((route) => route.scope === null).map((route) => route.routeKey);

    expect(unscoped).toEqual(["GET /v1/health"]);
    for (const route of routes) {
      if (route.scope !== null) expect(isScope(route.scope)).toBe(true);
    }
  });

  it("marks only POST routes idempotent", () => {
    const idempotent = routes.filter((route) => route.idempotent);

    expect(idempotent.length).toBeGreaterThan(0);
    expect(idempotent.every((route) => route.method === "POST")).toBe(true);
  });

  it("finds a route by its route key, and nothing for an unknown key", () => {
    expect(findRoute("GET /v1/models")?.scope).toBe("models:read");
    expect(findRoute("GET /v1/nope")).toBeUndefined();
  });

  it("bundles without zod or the schemas, so the edge authorizer that imports it stays small", async () => {
    // Act
    const result = await build({
      entryPoints: [fileURLToPath(new URL("../../../runtime/api/routes.ts", import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      logLevel: "silent",
    });

    // Assess
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((input) => input.includes("node_modules/zod") || input.includes("/schemas/")),
    ).toEqual([]);
  });
});
