import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { ResourceNotFoundError } from "../errors/resourceNotFoundError.ts";
import { exactTimestamp } from "../pagination/keysetCursor.ts";
import { listNewestFirst } from "../pagination/listNewestFirst.ts";
import { type JobError, type JobRow, type JobState, jobStateOf } from "./jobState.ts";

/** What a finished deletion removed. */
export interface DataDeletionRemoved {
  readonly conversations: number;
  readonly messages: number;
}

/** A data deletion job as the API returns it. */
export interface DataDeletionJob extends JobState {
  readonly id: string;
  readonly reason: string | null;
  /** Set once succeeded. */
  readonly removed: DataDeletionRemoved | null;
}

interface DataDeletionRow extends JobRow {
  reason: string | null;
  removed_conversations: number | null;
  removed_messages: number | null;
}

const columns = `id, reason, status, created_at, started_at, completed_at, error_code, error_message,
  removed_conversations, removed_messages, ${exactTimestamp("created_at")} AS sort_key`;

function toDataDeletionJob(row: DataDeletionRow): DataDeletionJob {
  return {
    id: row.id,
    reason: row.reason,
    ...jobStateOf(row),
    removed:
      row.status === "succeeded"
        ? { conversations: row.removed_conversations ?? 0, messages: row.removed_messages ?? 0 }
        : null,
  };
}

/** Data deletion jobs (`data_deletions`) in the tenant's own database. */
export const dataDeletionStore = {
  async create(
    db: SqlExecutor,
    input: { reason?: string | null; requestedBy: string },
  ): Promise<DataDeletionJob> {
    const { rows } = await db.query<DataDeletionRow>(
      `INSERT INTO data_deletions (id, reason, status, requested_by) VALUES ($1, $2, 'pending', $3)
       RETURNING ${columns}`,
      [randomUUID(), input.reason ?? null, input.requestedBy.slice(0, 256)],
    );
    return toDataDeletionJob(rows[0] as DataDeletionRow);
  },

  async markRunning(db: SqlExecutor, id: string): Promise<void> {
    await db.query("UPDATE data_deletions SET status = 'running', started_at = now() WHERE id = $1", [id]);
  },

  /** Run in the transaction that deleted, so the counts are committed with the deletion or not at all. */
  async markSucceeded(db: SqlExecutor, id: string, removed: DataDeletionRemoved): Promise<void> {
    await db.query(
      `UPDATE data_deletions SET status = 'succeeded', completed_at = now(), removed_conversations = $2,
         removed_messages = $3
       WHERE id = $1`,
      [id, removed.conversations, removed.messages],
    );
  },

  async markFailed(db: SqlExecutor, id: string, error: JobError): Promise<void> {
    await db.query(
      "UPDATE data_deletions SET status = 'failed', completed_at = now(), error_code = $2, error_message = $3 WHERE id = $1",
      [id, error.code, error.message],
    );
  },

  async get(db: SqlExecutor, id: string): Promise<DataDeletionJob> {
    const { rows } = await db.query<DataDeletionRow>(`SELECT ${columns} FROM data_deletions WHERE id = $1`, [
      id,
    ]);
    if (!rows[0]) throw new ResourceNotFoundError("data deletion", id);
    return toDataDeletionJob(rows[0]);
  },

  /** Newest first. */
  async list(db: SqlExecutor, page: { limit: number; cursor?: string }) {
    return listNewestFirst<DataDeletionRow, ReturnType<typeof toDataDeletionJob>>(
      db,
      "data_deletions",
      columns,
      page,
      toDataDeletionJob,
    );
  },
};
