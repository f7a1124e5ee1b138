// Generated from the route definitions in runtime/api/routes/ (apiRoutes.ts) by
// `npx tsx runtime/api/writeRouteTable.ts`; do not edit. test/runtime/api/routeTable.test.ts fails when it is stale.
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
  /** Path as API Gateway writes it, relative to the tenant's API mapping: `/v1/conversations/{conversationId}`. */
  readonly path: string;
  /** `METHOD path`: API Gateway's route key and the key of every map derived from this table. */
  readonly routeKey: string;
  /** Stable operation name, used for OpenAPI `operationId` and the handler map. */
  readonly operationId: string;
  /** Scope the token must carry; `null` only for the unauthenticated health check. */
  readonly scope: Scope | null;
  readonly group: HandlerGroup;
  /** One line for the API reference. */
  readonly summary: string;
  /** POST that creates or spends: honours `Idempotency-Key`. */
  readonly idempotent?: boolean;
  /**
   * The route can answer as it produces (server-sent events): its REST API integration uses
   * `responseTransferMode: STREAM` and the Lambda's response-streaming invocation. @default buffered
   */
  readonly responseTransferMode?: "STREAM";
}

/**
 * Every route of the tenant API surface, in the order of the API reference. From it come the API Gateway
 * routes (one per entry, each with the shared authorizer) and the authorizer's scope check.
 */
export const routes: readonly RouteDefinition[] = [
  {
    method: "GET",
    path: "/v1/health",
    routeKey: "GET /v1/health",
    operationId: "getHealth",
    scope: null,
    group: "data",
    summary: "Liveness and readiness of the tenant's silo",
  },
  {
    method: "GET",
    path: "/v1/models",
    routeKey: "GET /v1/models",
    operationId: "listModels",
    scope: "models:read",
    group: "chat",
    summary: "List the models this tenant may call",
  },
  {
    method: "GET",
    path: "/v1/models/{modelId}",
    routeKey: "GET /v1/models/{modelId}",
    operationId: "getModel",
    scope: "models:read",
    group: "chat",
    summary: "Get one allowlisted model",
  },
  {
    method: "POST",
    path: "/v1/chat/completions",
    routeKey: "POST /v1/chat/completions",
    operationId: "createChatCompletion",
    scope: "chat:write",
    group: "chat",
    summary: "OpenAI-compatible chat completion: streaming, tools, structured output, images",
    idempotent: true,
    responseTransferMode: "STREAM",
  },
  {
    method: "POST",
    path: "/v1/embeddings",
    routeKey: "POST /v1/embeddings",
    operationId: "createEmbedding",
    scope: "embeddings:write",
    group: "chat",
    summary: "OpenAI-compatible embeddings of one or more texts",
    idempotent: true,
    responseTransferMode: "STREAM",
  },
  {
    method: "POST",
    path: "/v1/conversations",
    routeKey: "POST /v1/conversations",
    operationId: "createConversation",
    scope: "conversations:write",
    group: "data",
    summary: "Create a conversation",
    idempotent: true,
  },
  {
    method: "GET",
    path: "/v1/conversations",
    routeKey: "GET /v1/conversations",
    operationId: "listConversations",
    scope: "conversations:read",
    group: "data",
    summary: "List conversations, newest first (cursor pagination)",
  },
  {
    method: "GET",
    path: "/v1/conversations/{conversationId}",
    routeKey: "GET /v1/conversations/{conversationId}",
    operationId: "getConversation",
    scope: "conversations:read",
    group: "data",
    summary: "Get a conversation",
  },
  {
    method: "PATCH",
    path: "/v1/conversations/{conversationId}",
    routeKey: "PATCH /v1/conversations/{conversationId}",
    operationId: "updateConversation",
    scope: "conversations:write",
    group: "data",
    summary: "Rename a conversation or change its metadata",
  },
  {
    method: "DELETE",
    path: "/v1/conversations/{conversationId}",
    routeKey: "DELETE /v1/conversations/{conversationId}",
    operationId: "deleteConversation",
    scope: "conversations:write",
    group: "data",
    summary: "Delete a conversation and its messages",
  },
  {
    method: "GET",
    path: "/v1/conversations/{conversationId}/messages",
    routeKey: "GET /v1/conversations/{conversationId}/messages",
    operationId: "listMessages",
    scope: "conversations:read",
    group: "data",
    summary: "List a conversation's messages, oldest first (cursor pagination)",
  },
  {
    method: "GET",
    path: "/v1/conversations/{conversationId}/messages/{messageId}",
    routeKey: "GET /v1/conversations/{conversationId}/messages/{messageId}",
    operationId: "getMessage",
    scope: "conversations:read",
    group: "data",
    summary: "Get one message",
  },
  {
    method: "POST",
    path: "/v1/conversations/{conversationId}/messages",
    routeKey: "POST /v1/conversations/{conversationId}/messages",
    operationId: "sendMessage",
    scope: "chat:write",
    group: "chat",
    summary: "Send a message: calls the model and stores both turns",
    idempotent: true,
    responseTransferMode: "STREAM",
  },
  {
    method: "POST",
    path: "/v1/templates",
    routeKey: "POST /v1/templates",
    operationId: "createTemplate",
    scope: "templates:write",
    group: "data",
    summary: "Create a prompt template",
    idempotent: true,
  },
  {
    method: "GET",
    path: "/v1/templates",
    routeKey: "GET /v1/templates",
    operationId: "listTemplates",
    scope: "templates:read",
    group: "data",
    summary: "List prompt templates (cursor pagination)",
  },
  {
    method: "GET",
    path: "/v1/templates/{templateId}",
    routeKey: "GET /v1/templates/{templateId}",
    operationId: "getTemplate",
    scope: "templates:read",
    group: "data",
    summary: "Get a prompt template",
  },
  {
    method: "PATCH",
    path: "/v1/templates/{templateId}",
    routeKey: "PATCH /v1/templates/{templateId}",
    operationId: "updateTemplate",
    scope: "templates:write",
    group: "data",
    summary: "Update a prompt template (creates a new version)",
  },
  {
    method: "DELETE",
    path: "/v1/templates/{templateId}",
    routeKey: "DELETE /v1/templates/{templateId}",
    operationId: "deleteTemplate",
    scope: "templates:write",
    group: "data",
    summary: "Delete a prompt template",
  },
  {
    method: "POST",
    path: "/v1/templates/{templateId}/render",
    routeKey: "POST /v1/templates/{templateId}/render",
    operationId: "renderTemplate",
    scope: "templates:read",
    group: "data",
    summary: "Render a template with variables, without calling a model",
  },
  {
    method: "GET",
    path: "/v1/settings",
    routeKey: "GET /v1/settings",
    operationId: "getSettings",
    scope: "settings:read",
    group: "data",
    summary: "Get the tenant's settings",
  },
  {
    method: "PATCH",
    path: "/v1/settings",
    routeKey: "PATCH /v1/settings",
    operationId: "updateSettings",
    scope: "settings:write",
    group: "data",
    summary: "Change the default model, system prompt or retention",
  },
  {
    method: "GET",
    path: "/v1/usage/summary",
    routeKey: "GET /v1/usage/summary",
    operationId: "getUsageSummary",
    scope: "usage:read",
    group: "data",
    summary: "Tokens and cost for a month, by model",
  },
  {
    method: "GET",
    path: "/v1/usage/daily",
    routeKey: "GET /v1/usage/daily",
    operationId: "getUsageDaily",
    scope: "usage:read",
    group: "data",
    summary: "Tokens and cost per day for a month",
  },
  {
    method: "GET",
    path: "/v1/usage/events",
    routeKey: "GET /v1/usage/events",
    operationId: "listUsageEvents",
    scope: "usage:read",
    group: "data",
    summary: "The tenant's usage ledger entries (cursor pagination)",
  },
  {
    method: "GET",
    path: "/v1/budget",
    routeKey: "GET /v1/budget",
    operationId: "getBudget",
    scope: "usage:read",
    group: "admin",
    summary: "The monthly budget, spend so far and when it resets",
  },
  {
    method: "PUT",
    path: "/v1/budget",
    routeKey: "PUT /v1/budget",
    operationId: "updateBudget",
    scope: "budget:write",
    group: "admin",
    summary: "Change the monthly budget or alert threshold",
  },
  {
    method: "GET",
    path: "/v1/audit/events",
    routeKey: "GET /v1/audit/events",
    operationId: "listAuditEvents",
    scope: "audit:read",
    group: "admin",
    summary: "Audit events: who did what, when, with what outcome (cursor pagination)",
  },
  {
    method: "POST",
    path: "/v1/exports",
    routeKey: "POST /v1/exports",
    operationId: "createExport",
    scope: "data:export",
    group: "admin",
    summary: "Start an export of all the tenant's data",
    idempotent: true,
  },
  {
    method: "GET",
    path: "/v1/exports",
    routeKey: "GET /v1/exports",
    operationId: "listExports",
    scope: "data:export",
    group: "admin",
    summary: "List data exports",
  },
  {
    method: "GET",
    path: "/v1/exports/{exportId}",
    routeKey: "GET /v1/exports/{exportId}",
    operationId: "getExport",
    scope: "data:export",
    group: "admin",
    summary: "Get an export's status and, when done, its download link",
  },
  {
    method: "GET",
    path: "/v1/exports/{exportId}/download",
    routeKey: "GET /v1/exports/{exportId}/download",
    operationId: "downloadExport",
    scope: "data:export",
    group: "admin",
    summary: "Download a finished export's file (JSON Lines)",
  },
  {
    method: "POST",
    path: "/v1/data-deletions",
    routeKey: "POST /v1/data-deletions",
    operationId: "createDataDeletion",
    scope: "data:delete",
    group: "admin",
    summary: "Delete all of the tenant's conversation data",
    idempotent: true,
  },
  {
    method: "GET",
    path: "/v1/data-deletions",
    routeKey: "GET /v1/data-deletions",
    operationId: "listDataDeletions",
    scope: "data:delete",
    group: "admin",
    summary: "List data deletion requests",
  },
  {
    method: "GET",
    path: "/v1/data-deletions/{deletionId}",
    routeKey: "GET /v1/data-deletions/{deletionId}",
    operationId: "getDataDeletion",
    scope: "data:delete",
    group: "admin",
    summary: "Get a data deletion's status and what it removed",
  },
];

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
