import { renderTemplate } from "../../core/templates/renderTemplate.ts";
import { templateStore } from "../../core/templates/templateStore.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as templates from "../schemas/templates.ts";
import type { OperationDeps } from "./operationDeps.ts";

/** Prompt templates: CRUD, and rendering with variables without calling a model. */
export const templateRoutes: readonly ApiRoute<OperationDeps>[] = [
  defineRoute({
    method: "POST",
    path: "/v1/templates",
    operationId: "createTemplate",
    scope: "templates:write",
    group: "data",
    summary: "Create a prompt template",
    idempotent: true,
    body: templates.createTemplateBody,
    response: { status: 201, schema: templates.templateSchema },
    async handler({ body }, { db }: OperationDeps) {
      const template = await templateStore.create(db, body);
      return { status: 201, body: template, resource: `templates/${template.id}` };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/templates",
    operationId: "listTemplates",
    scope: "templates:read",
    group: "data",
    summary: "List prompt templates (cursor pagination)",
    query: templates.listTemplatesQuery,
    response: { status: 200, schema: templates.templatePageSchema },
    async handler({ query }, { db }: OperationDeps) {
      return { body: await templateStore.list(db, query) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/templates/{templateId}",
    operationId: "getTemplate",
    scope: "templates:read",
    group: "data",
    summary: "Get a prompt template",
    pathParams: templates.templatePathParams,
    response: { status: 200, schema: templates.templateSchema },
    async handler({ params }, { db }: OperationDeps) {
      return { body: await templateStore.get(db, params.templateId) };
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/v1/templates/{templateId}",
    operationId: "updateTemplate",
    scope: "templates:write",
    group: "data",
    summary: "Update a prompt template (creates a new version)",
    pathParams: templates.templatePathParams,
    body: templates.updateTemplateBody,
    response: { status: 200, schema: templates.templateSchema },
    async handler({ params, body }, { db }: OperationDeps) {
      const { templateId } = params;
      return { body: await templateStore.update(db, templateId, body), resource: `templates/${templateId}` };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/templates/{templateId}",
    operationId: "deleteTemplate",
    scope: "templates:write",
    group: "data",
    summary: "Delete a prompt template",
    pathParams: templates.templatePathParams,
    response: { status: 204 },
    async handler({ params }, { db }: OperationDeps) {
      const { templateId } = params;
      await templateStore.remove(db, templateId);
      return { status: 204, resource: `templates/${templateId}` };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/templates/{templateId}/render",
    operationId: "renderTemplate",
    scope: "templates:read",
    group: "data",
    summary: "Render a template with variables, without calling a model",
    pathParams: templates.templatePathParams,
    body: templates.renderTemplateBody,
    response: { status: 200, schema: templates.renderedTemplateSchema },
    async handler({ params, body }, { db }: OperationDeps) {
      const { templateId } = params;
      const { variables } = body;
      const template = await templateStore.get(db, templateId);
      return {
        body: { templateId, version: template.version, text: renderTemplate(template.body, variables) },
        resource: `templates/${templateId}`,
      };
    },
  }),
];
