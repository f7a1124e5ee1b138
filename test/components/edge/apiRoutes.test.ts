import { describe, expect, it } from "vitest";
import {
  accessLogFormat,
  authorizerIdentitySources,
  restResourceTree,
  stageMethodSettings,
  tenantRouteSpecs,
} from "../../../components/edge/apiRoutes.ts";
import { routes } from "../../../runtime/api/routes.ts";
import { testTenant } from "../support.ts";

describe("tenantRouteSpecs", () => {
  it("makes one method per route-table entry, with a unique resource name each", () => {
    // Act
    const specs = tenantRouteSpecs(routes);

    // Assess
    expect(specs.map((spec) => spec.routeKey)).toEqual(routes.map((route) => route.routeKey));
    expect(new Set(specs.map((spec) => spec.resourceSuffix)).size).toBe(routes.length);
    expect(specs[0]).toEqual({
      routeKey: "GET /v1/health",
      method: "GET",
      path: "/v1/health",
      group: "data",
      streams: false,
      pathParameters: [],
      resourceSuffix: "get-v1-health",
    });
  });

  it("streams exactly the routes the route table marks STREAM, and names their path parameters", () => {
    // Act
    const specs = tenantRouteSpecs(routes);
    const message = specs.find(
      (spec) => spec.routeKey === "POST /v1/conversations/{conversationId}/messages",
    );

    // Assess
    expect(specs.filter((spec) => spec.streams).map((spec) => spec.routeKey)).toEqual(
      routes.filter((route) => route.responseTransferMode === "STREAM").map((route) => route.routeKey),
    );
    expect(message).toMatchObject({ streams: true, pathParameters: ["conversationId"] });
  });
});

describe("restResourceTree", () => {
  it("makes one resource per path segment, shared prefixes once, parents first", () => {
    // Act
    const tree = restResourceTree([
      { path: "/v1/models" },
      { path: "/v1/models/{modelId}" },
      { path: "/v1/health" },
    ]);

    // Assess
    expect(tree.map((resource) => [resource.path, resource.parentPath, resource.pathPart])).toEqual([
      ["/v1", "/", "v1"],
      ["/v1/models", "/v1", "models"],
      ["/v1/health", "/v1", "health"],
      ["/v1/models/{modelId}", "/v1/models", "{modelId}"],
    ]);
  });

  it("covers every route's path with unique resource names", () => {
    // Act
    const tree = restResourceTree(routes);

    // Assess
    const paths = tree.map((resource) => resource.path);
    for (const route of routes) expect(paths).toContain(route.path);
    expect(new Set(tree.map((resource) => resource.resourceSuffix)).size).toBe(tree.length);
  });
});

describe("the stage's settings", () => {
  it("keys cached decisions by token, method and resource, and throttles at the tenant's limits", () => {
    // Act
    const settings = stageMethodSettings(testTenant({ limits: { requestsPerSecond: 7, burst: 14 } }));

    // Assess
    expect(authorizerIdentitySources).toEqual([
      "method.request.header.Authorization",
      "context.httpMethod",
      "context.resourcePath",
    ]);
    expect(settings).toEqual({ throttlingRateLimit: 7, throttlingBurstLimit: 14, metricsEnabled: true });
  });

  it("logs route, tenant, status, latencies and the authorizer's verdict as one JSON object", () => {
    // Act
    const format = JSON.parse(accessLogFormat());

    // Assess
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      httpMethod: "$context.httpMethod",
      resourcePath: "$context.resourcePath",
      tenantId: "$stageVariables.tenantId",
      status: "$context.status",
      latencyMs: "$context.responseLatency",
      integrationLatencyMs: "$context.integrationLatency",
      authorizerStatus: "$context.authorizer.status",
      authorizerLatencyMs: "$context.authorizer.latency",
      error: "$context.error.message",
    });
  });
});
