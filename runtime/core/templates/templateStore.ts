import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { ResourceConflictError } from "../errors/resourceConflictError.ts";
import { ResourceNotFoundError } from "../errors/resourceNotFoundError.ts";
import { decodeCursor, toPage } from "../pagination/keysetCursor.ts";
import { templateVariables } from "./templateVariables.ts";

/** A prompt template as the API returns it, at its latest version. */
export interface Template {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly body: string;
  /** The variable names the body uses, in order of first use. */
  readonly variables: string[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface TemplateRow {
  id: string;
  name: string;
  description: string | null;
  body: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const columns = "id, name, description, body, version, created_at, updated_at";

/** The unique index that keeps template names distinct within the tenant (migration 1). */
const nameIndex = "prompt_templates_name";

function toTemplate(row: TemplateRow): Template {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    body: row.body,
    variables: templateVariables(row.body),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Runs `work`, turning a duplicate template name into CONFLICT. */
async function refusingDuplicateName<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { code, constraint } = error as { code?: unknown; constraint?: unknown };
    if (code === "23505" && constraint === nameIndex) {
      throw new ResourceConflictError(
        `a template named "${name}" already exists; choose another name, or change that template with PATCH /v1/templates/{templateId}`,
      );
    }
    throw error;
  }
}

/** Prompt templates in the tenant's own database; names are unique within the tenant. */
export const templateStore = {
  /** Fails with CONFLICT when a template of that name exists. */
  async create(
    db: SqlExecutor,
    input: { name: string; description?: string | null; body: string },
  ): Promise<Template> {
    const { rows } = await refusingDuplicateName(input.name, () =>
      db.query<TemplateRow>(
        `INSERT INTO prompt_templates (id, name, description, body) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
        [randomUUID(), input.name, input.description ?? null, input.body],
      ),
    );
    return toTemplate(rows[0] as TemplateRow);
  },

  async get(db: SqlExecutor, id: string): Promise<Template> {
    const { rows } = await db.query<TemplateRow>(`SELECT ${columns} FROM prompt_templates WHERE id = $1`, [
      id,
    ]);
    if (!rows[0]) throw new ResourceNotFoundError("template", id);
    return toTemplate(rows[0]);
  },

  /** By name, then id (names are unique, so the id only makes the cursor total). */
  async list(db: SqlExecutor, page: { limit: number; cursor?: string }) {
    const after = decodeCursor(page.cursor, "text");
    const { rows } = await db.query<TemplateRow>(
      after
        ? `SELECT ${columns} FROM prompt_templates WHERE (name, id) > ($2, $3::uuid) ORDER BY name, id LIMIT $1`
        : `SELECT ${columns} FROM prompt_templates ORDER BY name, id LIMIT $1`,
      after ? [page.limit + 1, after.sortValue, after.id] : [page.limit + 1],
    );
    return toPage(rows, page.limit, toTemplate, (row) => ({ sortValue: row.name, id: row.id }));
  },

  /**
   * Changes the given fields (`description: null` clears it). The version goes up by one only when the body
   * actually changes; renaming or re-describing keeps it. Fails with CONFLICT on a name already taken.
   */
  async update(
    db: SqlExecutor,
    id: string,
    change: { name?: string; description?: string | null; body?: string },
  ): Promise<Template> {
    const { rows } = await refusingDuplicateName(change.name, () =>
      db.query<TemplateRow>(
        `UPDATE prompt_templates SET
           name = COALESCE($2, name),
           description = CASE WHEN $3 THEN $4 ELSE description END,
           version = CASE WHEN $5::text IS NOT NULL AND $5::text <> body THEN version + 1 ELSE version END,
           body = COALESCE($5, body),
           updated_at = now()
         WHERE id = $1 RETURNING ${columns}`,
        [
          id,
          change.name ?? null,
          change.description !== undefined,
          change.description ?? null,
          change.body ?? null,
        ],
      ),
    );
    if (!rows[0]) throw new ResourceNotFoundError("template", id);
    return toTemplate(rows[0]);
  },

  async remove(db: SqlExecutor, id: string): Promise<void> {
    const { rowCount } = await db.query("DELETE FROM prompt_templates WHERE id = $1", [id]);
    if (rowCount === 0) throw new ResourceNotFoundError("template", id);
  },
};
