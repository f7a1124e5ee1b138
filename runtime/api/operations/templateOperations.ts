import { renderTemplate } from "../../core/templates/renderTemplate.ts";
import { templateStore } from "../../core/templates/templateStore.ts";
import { operationTable } from "../operation.ts";
import type { OperationDeps } from "./operationDeps.ts";

/** Prompt templates: CRUD, and rendering with variables without calling a model. */
export const templateOperations = operationTable<OperationDeps>({
  async createTemplate({ body }, { db }) {
    const template = await templateStore.create(db, body);
    return { status: 201, body: template, resource: `templates/${template.id}` };
  },

  async listTemplates({ query }, { db }) {
    return { body: await templateStore.list(db, query) };
  },

  async getTemplate({ params }, { db }) {
    return { body: await templateStore.get(db, params.templateId) };
  },

  async updateTemplate({ params, body }, { db }) {
    const { templateId } = params;
    return { body: await templateStore.update(db, templateId, body), resource: `templates/${templateId}` };
  },

  async deleteTemplate({ params }, { db }) {
    const { templateId } = params;
    await templateStore.remove(db, templateId);
    return { status: 204, resource: `templates/${templateId}` };
  },

  async renderTemplate({ params, body }, { db }) {
    const { templateId } = params;
    const { variables } = body;
    const template = await templateStore.get(db, templateId);
    return {
      body: { templateId, version: template.version, text: renderTemplate(template.body, variables) },
      resource: `templates/${templateId}`,
    };
  },
});
