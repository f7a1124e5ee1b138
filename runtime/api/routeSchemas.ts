import type * as z from "zod";
import { type RouteDefinition, routes } from "./routes.ts";
import * as audit from "./schemas/audit.ts";
import * as budget from "./schemas/budget.ts";
import * as chat from "./schemas/chatCompletions.ts";
import * as conversations from "./schemas/conversations.ts";
import * as dataDeletions from "./schemas/dataDeletions.ts";
import * as dataExports from "./schemas/exports.ts";
import type { FileResponse } from "./schemas/fileResponse.ts";
import * as health from "./schemas/health.ts";
import * as messages from "./schemas/messages.ts";
import * as models from "./schemas/models.ts";
import * as settings from "./schemas/settings.ts";
import * as templates from "./schemas/templates.ts";
import * as usage from "./schemas/usage.ts";

/**
 * What a route answers when it succeeds: the status and the body's schema, or the file it sends, or
 * nothing (204 No Content).
 */
export type RouteResponse =
  | { readonly status: 200 | 201 | 202; readonly schema: z.ZodType; readonly file?: undefined }
  | { readonly status: 200; readonly file: FileResponse; readonly schema?: undefined }
  | { readonly status: 204; readonly schema?: undefined; readonly file?: undefined };

/** What one route takes and answers, as zod schemas. */
export interface RouteSchemas {
  /** The `{name}` segments of the path, one key each; values arrive as strings. */
  readonly pathParams?: z.ZodObject;
  /** The query string; values arrive as strings, so numeric ones are coerced. */
  readonly query?: z.ZodObject;
  /** The JSON request body. */
  readonly body?: z.ZodType;
  readonly response: RouteResponse;
}

/** A route of the table with its schemas: what the runtime router validates and OpenAPI describes. */
export interface ApiRoute extends RouteDefinition, RouteSchemas {}

/** Each route's schemas, by the operationId of its entry in `routes.ts`, in the table's order. */
export const routeSchemas: Readonly<Record<string, RouteSchemas>> = {
  getHealth: { response: { status: 200, schema: health.healthSchema } },

  listModels: { response: { status: 200, schema: models.modelListSchema } },
  getModel: { pathParams: models.modelPathParams, response: { status: 200, schema: models.modelSchema } },
  createChatCompletion: {
    body: chat.chatCompletionRequestSchema,
    response: { status: 200, schema: chat.chatCompletionSchema },
  },

  createConversation: {
    body: conversations.createConversationBody,
    response: { status: 201, schema: conversations.conversationSchema },
  },
  listConversations: {
    query: conversations.listConversationsQuery,
    response: { status: 200, schema: conversations.conversationPageSchema },
  },
  getConversation: {
    pathParams: conversations.conversationPathParams,
    response: { status: 200, schema: conversations.conversationSchema },
  },
  updateConversation: {
    pathParams: conversations.conversationPathParams,
    body: conversations.updateConversationBody,
    response: { status: 200, schema: conversations.conversationSchema },
  },
  deleteConversation: { pathParams: conversations.conversationPathParams, response: { status: 204 } },
  listMessages: {
    pathParams: conversations.conversationPathParams,
    query: messages.listMessagesQuery,
    response: { status: 200, schema: messages.messagePageSchema },
  },
  getMessage: {
    pathParams: messages.messagePathParams,
    response: { status: 200, schema: messages.messageSchema },
  },
  sendMessage: {
    pathParams: conversations.conversationPathParams,
    body: messages.sendMessageBody,
    response: { status: 201, schema: messages.sendMessageResponseSchema },
  },

  createTemplate: {
    body: templates.createTemplateBody,
    response: { status: 201, schema: templates.templateSchema },
  },
  listTemplates: {
    query: templates.listTemplatesQuery,
    response: { status: 200, schema: templates.templatePageSchema },
  },
  getTemplate: {
    pathParams: templates.templatePathParams,
    response: { status: 200, schema: templates.templateSchema },
  },
  updateTemplate: {
    pathParams: templates.templatePathParams,
    body: templates.updateTemplateBody,
    response: { status: 200, schema: templates.templateSchema },
  },
  deleteTemplate: { pathParams: templates.templatePathParams, response: { status: 204 } },
  renderTemplate: {
    pathParams: templates.templatePathParams,
    body: templates.renderTemplateBody,
    response: { status: 200, schema: templates.renderedTemplateSchema },
  },

  getSettings: { response: { status: 200, schema: settings.settingsSchema } },
  updateSettings: {
    body: settings.updateSettingsBody,
    response: { status: 200, schema: settings.settingsSchema },
  },

  getUsageSummary: {
    query: usage.usageMonthQuery,
    response: { status: 200, schema: usage.usageSummarySchema },
  },
  getUsageDaily: { query: usage.usageMonthQuery, response: { status: 200, schema: usage.usageDailySchema } },
  listUsageEvents: {
    query: usage.listUsageEventsQuery,
    response: { status: 200, schema: usage.usageEventPageSchema },
  },
  getBudget: { response: { status: 200, schema: budget.budgetSchema } },
  updateBudget: { body: budget.updateBudgetBody, response: { status: 200, schema: budget.budgetSchema } },

  listAuditEvents: {
    query: audit.listAuditEventsQuery,
    response: { status: 200, schema: audit.auditEventPageSchema },
  },

  createExport: {
    body: dataExports.createExportBody,
    response: { status: 202, schema: dataExports.exportJobSchema },
  },
  listExports: {
    query: dataExports.listExportsQuery,
    response: { status: 200, schema: dataExports.exportPageSchema },
  },
  getExport: {
    pathParams: dataExports.exportPathParams,
    response: { status: 200, schema: dataExports.exportJobSchema },
  },
  downloadExport: {
    pathParams: dataExports.exportPathParams,
    response: { status: 200, file: dataExports.exportFileResponse },
  },
  createDataDeletion: {
    body: dataDeletions.createDataDeletionBody,
    response: { status: 202, schema: dataDeletions.dataDeletionJobSchema },
  },
  listDataDeletions: {
    query: dataDeletions.listDataDeletionsQuery,
    response: { status: 200, schema: dataDeletions.dataDeletionPageSchema },
  },
  getDataDeletion: {
    pathParams: dataDeletions.dataDeletionPathParams,
    response: { status: 200, schema: dataDeletions.dataDeletionJobSchema },
  },
};

/**
 * Every route of `routes.ts` with its schemas, in the table's order. Fails at import when a route has no
 * schemas, so a new route cannot ship unvalidated or undocumented.
 *
 * @example
 * apiRoutes.find((route) => route.operationId === "getModel")?.response.status; // 200
 */
export const apiRoutes: readonly ApiRoute[] = routes.map((route) => {
  const schemas = routeSchemas[route.operationId];
  if (schemas === undefined) {
    throw new Error(`route ${route.routeKey} has no schemas; add "${route.operationId}" to routeSchemas`);
  }
  return { ...route, ...schemas };
});
