import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { ResourceNotFoundError } from "../errors/resourceNotFoundError.ts";
import { exactTimestamp } from "../pagination/keysetCursor.ts";
import { listNewestFirst } from "../pagination/listNewestFirst.ts";

/** A conversation as the API returns it. */
export interface Conversation {
  readonly id: string;
  readonly title: string | null;
  readonly metadata: Record<string, string>;
  readonly messageCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastMessageAt: string | null;
}

interface ConversationRow {
  id: string;
  title: string | null;
  metadata: Record<string, string>;
  message_count: number;
  created_at: Date;
  updated_at: Date;
  last_message_at: Date | null;
  /** created_at with microseconds (a JS Date keeps only milliseconds): the exact keyset position. */
  sort_key: string;
}

const columns = `id, title, metadata, message_count, created_at, updated_at, last_message_at,
  ${exactTimestamp("created_at")} AS sort_key`;

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    title: row.title,
    metadata: row.metadata,
    messageCount: row.message_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
  };
}

/**
 * Conversations in the tenant's own database. Every function takes the executor to run on, so callers
 * compose them inside one transaction when a change spans tables.
 */
export const conversationStore = {
  async create(
    db: SqlExecutor,
    input: { title?: string | null; metadata?: Record<string, string>; createdBy: string },
  ): Promise<Conversation> {
    const { rows } = await db.query<ConversationRow>(
      `INSERT INTO conversations (id, title, metadata, created_by) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
      [randomUUID(), input.title ?? null, JSON.stringify(input.metadata ?? {}), input.createdBy],
    );
    return toConversation(rows[0] as ConversationRow);
  },

  async get(db: SqlExecutor, id: string): Promise<Conversation> {
    const { rows } = await db.query<ConversationRow>(`SELECT ${columns} FROM conversations WHERE id = $1`, [
      id,
    ]);
    if (!rows[0]) throw new ResourceNotFoundError("conversation", id);
    return toConversation(rows[0]);
  },

  /** Newest first. */
  async list(db: SqlExecutor, page: { limit: number; cursor?: string }) {
    return listNewestFirst<ConversationRow, ReturnType<typeof toConversation>>(
      db,
      "conversations",
      columns,
      page,
      toConversation,
    );
  },

  async update(
    db: SqlExecutor,
    id: string,
    change: { title?: string | null; metadata?: Record<string, string> },
  ): Promise<Conversation> {
    const { rows } = await db.query<ConversationRow>(
      `UPDATE conversations SET
         title = CASE WHEN $2 THEN $3 ELSE title END,
         metadata = COALESCE($4::jsonb, metadata),
         updated_at = now()
       WHERE id = $1 RETURNING ${columns}`,
      [
        id,
        change.title !== undefined,
        change.title ?? null,
        change.metadata ? JSON.stringify(change.metadata) : null,
      ],
    );
    if (!rows[0]) throw new ResourceNotFoundError("conversation", id);
    return toConversation(rows[0]);
  },

  async remove(db: SqlExecutor, id: string): Promise<void> {
    const { rowCount } = await db.query("DELETE FROM conversations WHERE id = $1", [id]);
    if (rowCount === 0) throw new ResourceNotFoundError("conversation", id);
  },
};
