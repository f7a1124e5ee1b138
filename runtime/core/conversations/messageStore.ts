import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { ResourceNotFoundError } from "../errors/resourceNotFoundError.ts";
import { decodeCursor, toPage } from "../pagination/keysetCursor.ts";

/** A stored message as the API returns it. */
export interface Message {
  readonly id: string;
  readonly conversationId: string;
  readonly role: "user" | "assistant";
  readonly content: string;
  readonly model: string | null;
  readonly usage: { inputTokens: number; outputTokens: number; costUsd: string } | null;
  readonly createdAt: string;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: string;
  role: "user" | "assistant";
  content: string;
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: string | null;
  created_at: Date;
}

const columns =
  "id, conversation_id, seq, role, content, model, input_tokens, output_tokens, cost_usd::numeric(18, 6)::text AS cost_usd, created_at";

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role,
    content: row.content,
    model: row.model,
    usage:
      row.role === "assistant" && row.input_tokens !== null && row.output_tokens !== null
        ? {
            inputTokens: row.input_tokens,
            outputTokens: row.output_tokens,
            costUsd: row.cost_usd ?? "0.000000",
          }
        : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** One turn to store. */
export interface NewMessage {
  readonly role: "user" | "assistant";
  readonly content: string;
  readonly model?: string;
  readonly usage?: { inputTokens: number; outputTokens: number; costUsd: string };
  readonly requestId?: string;
}

/**
 * Bytes of JSON one page of messages may hold: 100 messages of up to 200,000 characters each would be far
 * over the 6 MB a buffered Lambda answer may carry (API Gateway would answer a bare 502), so a page ends
 * earlier, with a cursor for the rest.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export const maxMessagePageBytes = 4 * 1024 * 1024;

/** Messages of the tenant's conversations, in the order they were stored. */
export const messageStore = {
  /** Oldest first. Fails with NOT_FOUND when the conversation does not exist. */
  async list(db: SqlExecutor, conversationId: string, page: { limit: number; cursor?: string }) {
    const after = decodeCursor(page.cursor, "integer");
    await assertConversation(db, conversationId);
    const { rows } = await db.query<MessageRow>(
      after
        ? `SELECT ${columns} FROM messages WHERE conversation_id = $1 AND seq > $3::bigint ORDER BY seq LIMIT $2`
        : `SELECT ${columns} FROM messages WHERE conversation_id = $1 ORDER BY seq LIMIT $2`,
      after ? [conversationId, page.limit + 1, after.sortValue] : [conversationId, page.limit + 1],
    );
    return toPage(
      rows,
      page.limit,
      toMessage,
      (row) => ({ sortValue: row.seq, id: row.id }),
      maxMessagePageBytes,
    );
  },

  async get(db: SqlExecutor, conversationId: string, messageId: string): Promise<Message> {
    const { rows } = await db.query<MessageRow>(
      `SELECT ${columns} FROM messages WHERE conversation_id = $1 AND id = $2`,
      [conversationId, messageId],
    );
    if (!rows[0]) throw new ResourceNotFoundError("message", messageId);
    return toMessage(rows[0]);
  },

  /** The latest messages of a conversation, oldest first: the context sent to the model. */
  async recent(db: SqlExecutor, conversationId: string, limit: number): Promise<Message[]> {
    const { rows } = await db.query<MessageRow>(
      `SELECT * FROM (SELECT ${columns} FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2) recent
       ORDER BY seq`,
      [conversationId, limit],
    );
    return rows.map(toMessage);
  },

  /** Appends turns and updates the conversation's counters; run inside a transaction. */
  async append(db: SqlExecutor, conversationId: string, turns: readonly NewMessage[]): Promise<Message[]> {
    const stored: Message[] = [];
    for (const turn of turns) {
      const { rows } = await db.query<MessageRow>(
        `INSERT INTO messages (id, conversation_id, role, content, model, input_tokens, output_tokens, cost_usd, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${columns}`,
        [
          randomUUID(),
          conversationId,
          turn.role,
          turn.content,
          turn.model ?? null,
          turn.usage?.inputTokens ?? null,
          turn.usage?.outputTokens ?? null,
          turn.usage?.costUsd ?? null,
          turn.requestId ?? null,
        ],
      );
      stored.push(toMessage(rows[0] as MessageRow));
    }
    const { rowCount } = await db.query(
      `UPDATE conversations SET message_count = message_count + $2, last_message_at = now(), updated_at = now()
       WHERE id = $1`,
      [conversationId, turns.length],
    );
    if (rowCount === 0) throw new ResourceNotFoundError("conversation", conversationId);
    return stored;
  },
};

async function assertConversation(db: SqlExecutor, conversationId: string): Promise<void> {
  const { rowCount } = await db.query("SELECT 1 FROM conversations WHERE id = $1", [conversationId]);
  if (rowCount === 0) throw new ResourceNotFoundError("conversation", conversationId);
}
