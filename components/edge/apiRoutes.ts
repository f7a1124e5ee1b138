import type { HandlerGroup, RouteDefinition } from "../../runtime/api/routes.ts";
import type { TenantConfig } from "../../tenants/schema.ts";

/** One API Gateway route of a tenant's HTTP API. */
export interface TenantRouteSpec {
  readonly routeKey: string;
  readonly group: HandlerGroup;
  /** Suffix of the route's Pulumi resource name: stable, unique, derived from the route key. */
  readonly resourceSuffix: string;
}

/**
 * Identity sources of the shared REQUEST authorizer. A cached decision is keyed by all of them, so with the
 * route key among them a cached allow never covers another route (and the cache is per API, so never
 * another tenant).
 */
export const authorizerIdentitySources = ["$request.header.Authorization", "$context.routeKey"] as const;

/**
 * One route per route-table entry, so every endpoint is authorized and logged as its own business action.
 *
 * @example
 * tenantRouteSpecs(routes)[0]; // { routeKey: "GET /v1/health", group: "data", resourceSuffix: "get-v1-health" }
 */
export function tenantRouteSpecs(table: readonly RouteDefinition[]): TenantRouteSpec[] {
  return table.map((route) => ({
    routeKey: route.routeKey,
    group: route.group,
    resourceSuffix: route.routeKey
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, ""),
  }));
}

/**
 * The access log line of a tenant API: one JSON object per request with who, which route, which tenant,
 * the outcome and the latency. `$context` variables:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export function accessLogFormat(): string {
  return JSON.stringify({
    requestId: "$context.requestId",
    requestTime: "$context.requestTimeEpoch",
    routeKey: "$context.routeKey",
    tenantId: "$stageVariables.tenantId",
    status: "$context.status",
    latencyMs: "$context.responseLatency",
    integrationLatencyMs: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    authorizerError: "$context.authorizer.error",
    authorizerLatencyMs: "$context.authorizer.latency",
    sub: "$context.authorizer.sub",
    sourceIp: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    responseLength: "$context.responseLength",
  });
}

/** Default-route throttling of a tenant's stage: its own steady rate and burst, so one tenant cannot starve others. */
export function stageThrottling(tenant: Pick<TenantConfig, "limits">) {
  return {
    throttlingRateLimit: tenant.limits.requestsPerSecond,
    throttlingBurstLimit: tenant.limits.burst,
  };
}
