import type { RouteDefinition } from "./routes.ts";

const header = `// Generated from the route definitions in runtime/api/routes/ (apiRoutes.ts) by
// \`npx tsx runtime/api/writeRouteTable.ts\`; do not edit. test/runtime/api/routeTable.test.ts fails when it is stale.
//
// The zod-free view of the routes: the edge authorizer imports it to check a route's scope, and zod
// would multiply its bundle, which every cold start loads; the stacks read it to create the routes.

import type { Scope } from "./scopes.ts";

/** The Lambda a route runs in; each group has its own least-privilege role. */
export type HandlerGroup = "chat" | "data" | "admin";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One endpoint of a tenant's silo API. */
export interface RouteDefinition {
  readonly method: HttpMethod;
  /** Path as API Gateway writes it, relative to the tenant's API mapping: \`/v1/conversations/{conversationId}\`. */
  readonly path: string;
  /** \`METHOD path\`: API Gateway's route key and the key of every map derived from this table. */
  readonly routeKey: string;
  /** Stable operation name, used for OpenAPI \`operationId\` and the handler map. */
  readonly operationId: string;
  /** Scope the token must carry; \`null\` only for the unauthenticated health check. */
  readonly scope: Scope | null;
  readonly group: HandlerGroup;
  /** One line for the API reference. */
  readonly summary: string;
  /** POST that creates or spends: honours \`Idempotency-Key\`. */
  readonly idempotent?: boolean;
  /**
   * The route can answer as it produces (server-sent events): its REST API integration uses
   * \`responseTransferMode: STREAM\` and the Lambda's response-streaming invocation. @default buffered
   */
  readonly responseTransferMode?: "STREAM";
}

/**
 * Every route of the tenant API surface, in the order of the API reference. From it come the API Gateway
 * routes (one per entry, each with the shared authorizer) and the authorizer's scope check.
 */
export const routes: readonly RouteDefinition[] = [
`;

const footer = `];

const byRouteKey = new Map(routes.map((definition) => [definition.routeKey, definition]));

/**
 * The route for an API Gateway route key, or undefined for a key not in the table (which the authorizer
 * denies and the router answers 404).
 *
 * @example
 * findRoute("GET /v1/models")?.scope; // "models:read"
 */
export function findRoute(routeKey: string): RouteDefinition | undefined {
  return byRouteKey.get(routeKey);
}
`;

/** Only what the zod-free table holds of a route, in a fixed key order. */
export function routeDefinitionOf(route: RouteDefinition): RouteDefinition {
  return {
    method: route.method,
    path: route.path,
    routeKey: route.routeKey,
    operationId: route.operationId,
    scope: route.scope,
    group: route.group,
    summary: route.summary,
    ...(route.idempotent ? { idempotent: true } : {}),
    ...(route.responseTransferMode ? { responseTransferMode: route.responseTransferMode } : {}),
  };
}

/**
 * The text of `runtime/api/routes.ts` for these routes: their zod-free definitions, formatted as biome
 * formats them.
 */
export function renderRouteTable(routes: readonly RouteDefinition[]): string {
  const entries = routes.map((route) => {
    const lines = Object.entries(routeDefinitionOf(route)).map(
      ([key, value]) => `    ${key}: ${JSON.stringify(value)},`,
    );
    return `  {\n${lines.join("\n")}\n  },\n`;
  });
  return `${header}${entries.join("")}${footer}`;
}
