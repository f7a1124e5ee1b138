import { renderTemplate } from "../../core/templates/renderTemplate.ts";
import { templateStore } from "../../core/templates/templateStore.ts";
import type { OperationTable } from "../operation.ts";
import type { OperationDeps } from "./operationDeps.ts";

interface TemplateId {
  templateId: string;
}
interface Page {
  limit: number;
  cursor?: string;
}

/** Prompt templates: CRUD, and rendering with variables without calling a model. */
export const templateOperations: OperationTable<OperationDeps> = {
  async createTemplate({ body }, { db }) {
    const template = await templateStore.create(
      db,
      body as { name: string; description?: string; body: string },
    );
    return { status: 201, body: template, resource: `templates/${template.id}` };
  },

  async listTemplates({ query }, { db }) {
    return { body: await templateStore.list(db, query as unknown as Page) };
  },

  async getTemplate({ params }, { db }) {
    return { body: await templateStore.get(db, (params as unknown as TemplateId).templateId) };
  },

  async updateTemplate({ params, body }, { db }) {
    const { templateId } = params as unknown as TemplateId;
    const change = body as { name?: string; description?: string | null; body?: string };
    return { body: await templateStore.update(db, templateId, change), resource: `templates/${templateId}` };
  },

  async deleteTemplate({ params }, { db }) {
    const { templateId } = params as unknown as TemplateId;
    await templateStore.remove(db, templateId);
    return { status: 204, resource: `templates/${templateId}` };
  },

  async renderTemplate({ params, body }, { db }) {
    const { templateId } = params as unknown as TemplateId;
    const { variables } = body as { variables: Record<string, string> };
    const template = await templateStore.get(db, templateId);
    return {
      body: { templateId, version: template.version, text: renderTemplate(template.body, variables) },
      resource: `templates/${templateId}`,
    };
  },
};
