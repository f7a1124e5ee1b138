import type { HandlerGroup, HttpMethod, RouteDefinition } from "../../runtime/api/routes.ts";
import type { TenantConfig } from "../../tenants/schema.ts";

/** One method of a tenant's REST API, from one route-table entry. */
export interface TenantRouteSpec {
  readonly routeKey: string;
  readonly method: HttpMethod;
  /** The REST resource path (`/v1/models/{modelId}`), the route table's `path`. */
  readonly path: string;
  readonly group: HandlerGroup;
  /** The route answers as it produces: its integration streams (`responseTransferMode: STREAM`). */
  readonly streams: boolean;
  /** The method's path parameters, as `requestParameters` declares them. */
  readonly pathParameters: readonly string[];
  /** Suffix of the route's Pulumi resource names: stable, unique, derived from the route key. */
  readonly resourceSuffix: string;
}

/**
 * Identity sources of the shared REQUEST authorizer. A cached decision is keyed by all of them, so with the
 * method and resource path among them a cached allow never covers another route (and the cache is per API,
 * so never another tenant). Without the Authorization header API Gateway answers 401 itself.
 */
export const authorizerIdentitySources = [
  "method.request.header.Authorization",
  "context.httpMethod",
  "context.resourcePath",
] as const;

/** The stage every tenant API is deployed to; the custom domain maps `/<tenant>` onto it. */
export const tenantStageName = "live";

/**
 * A streaming integration may run up to API Gateway's maximum for STREAM (15 minutes): a long generation
 * finishes instead of being cut.
 */
export const streamingIntegrationTimeoutMs = 900_000;

/** Buffered integrations stay below API Gateway's default 29 s: no quota increase to ask for. */
export const bufferedIntegrationTimeoutMs = 29_000;

/** A Pulumi-name-safe slug of a route key or path. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * One method per route-table entry, so every endpoint is authorized and logged as its own business action.
 *
 * @example
 * tenantRouteSpecs(routes)[0].resourceSuffix; // "get-v1-health"
 */
export function tenantRouteSpecs(table: readonly RouteDefinition[]): TenantRouteSpec[] {
  return table.map((route) => ({
    routeKey: route.routeKey,
    method: route.method,
    path: route.path,
    group: route.group,
    streams: route.responseTransferMode === "STREAM",
    pathParameters: [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string),
    resourceSuffix: slug(route.routeKey),
  }));
}

/** One REST resource: a path segment under its parent. */
export interface RestResourceSpec {
  /** The full resource path, `/v1/models/{modelId}`. */
  readonly path: string;
  /** The parent's path; `/` is the API's root resource. */
  readonly parentPath: string;
  readonly pathPart: string;
  readonly resourceSuffix: string;
}

/**
 * The REST resource tree the routes need: one resource per path segment, shared prefixes once, parents
 * before children.
 *
 * @example
 * restResourceTree([{ path: "/v1/models/{modelId}" }]).map((resource) => resource.path);
 * // ["/v1", "/v1/models", "/v1/models/{modelId}"]
 */
export function restResourceTree(table: readonly Pick<RouteDefinition, "path">[]): RestResourceSpec[] {
  const byPath = new Map<string, RestResourceSpec>();
  for (const { path } of table) {
    const parts = path.split("/").filter((part) => part !== "");
    parts.forEach((pathPart, index) => {
      const resourcePath = `/${parts.slice(0, index + 1).join("/")}`;
      if (byPath.has(resourcePath)) return;
      byPath.set(resourcePath, {
        path: resourcePath,
        parentPath: index === 0 ? "/" : `/${parts.slice(0, index).join("/")}`,
        pathPart,
        resourceSuffix: slug(resourcePath),
      });
    });
  }
  return [...byPath.values()].sort((a, b) => a.path.split("/").length - b.path.split("/").length);
}

/**
 * The access log line of a tenant API: one JSON object per request with who, which route, which tenant,
 * the outcome, the latencies and the authorizer's verdict. REST `$context` variables:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 */
export function accessLogFormat(): string {
  return JSON.stringify({
    requestId: "$context.requestId",
    requestTime: "$context.requestTimeEpoch",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    tenantId: "$stageVariables.tenantId",
    status: "$context.status",
    latencyMs: "$context.responseLatency",
    integrationLatencyMs: "$context.integrationLatency",
    integrationStatus: "$context.integration.status",
    authorizerStatus: "$context.authorizer.status",
    authorizerLatencyMs: "$context.authorizer.latency",
    authorizerError: "$context.authorizer.error",
    error: "$context.error.message",
    errorType: "$context.error.responseType",
    sub: "$context.authorizer.sub",
    sourceIp: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    responseLength: "$context.responseLength",
  });
}

/**
 * Throttling and metrics of every method of a tenant's stage (`aws.apigateway.MethodSettings` for `*\/*`):
 * its own steady rate and burst, so one tenant cannot starve others of the account's 10,000 rps.
 */
export function stageMethodSettings(tenant: Pick<TenantConfig, "limits">) {
  return {
    throttlingRateLimit: tenant.limits.requestsPerSecond,
    throttlingBurstLimit: tenant.limits.burst,
    metricsEnabled: true,
  };
}
