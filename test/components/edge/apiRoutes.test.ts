import { describe, expect, it } from "vitest";
import {
  accessLogFormat,
  authorizerIdentitySources,
  stageThrottling,
  tenantRouteSpecs,
} from "../../../components/edge/apiRoutes.ts";
import { routes } from "../../../runtime/api/routes.ts";
import { testTenant } from "../support.ts";

describe("tenantRouteSpecs", () => {
  it("makes one route per route-table entry, with a unique resource name each", () => {
    // Act
    const specs = tenantRouteSpecs(routes);

    // Assess
    expect(specs.map((spec) => spec.routeKey)).toEqual(routes.map((route) => route.routeKey));
    expect(new Set(specs.map((spec) => spec.resourceSuffix)).size).toBe(routes.length);
    expect(specs[0]).toEqual({ routeKey: "GET /v1/health", group: "data", resourceSuffix: "get-v1-health" });
  });
});

describe("the stage's settings", () => {
  it("keys cached decisions by token and route, and throttles at the tenant's limits", () => {
    // Act
    const throttling = stageThrottling(testTenant({ limits: { requestsPerSecond: 7, burst: 14 } }));

    // Assess
    expect(authorizerIdentitySources).toEqual(["$request.header.Authorization", "$context.routeKey"]);
    expect(throttling).toEqual({ throttlingRateLimit: 7, throttlingBurstLimit: 14 });
  });

  it("logs route, tenant, status and latency as one JSON object", () => {
    // Act
    const format = JSON.parse(accessLogFormat());

    // Assess
    expect(format).toMatchObject({
      routeKey: "$context.routeKey",
      tenantId: "$stageVariables.tenantId",
      status: "$context.status",
      latencyMs: "$context.responseLatency",
    });
  });
});
