import type pg from "pg";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { decodeCursor, toPage } from "./keysetCursor.ts";

/**
 * One page of a table's rows, newest first by `created_at` then `id`, with a keyset cursor. `table` and
 * `columns` are the store's own constants (never request input); `columns` must select `sort_key` as
 * `exactTimestamp("created_at")`.
 *
 * @example
 * return listNewestFirst(db, "conversations", columns, page, toConversation);
 */
export async function listNewestFirst<Row extends pg.QueryResultRow & { id: string; sort_key: string }, Item>(
  db: SqlExecutor,
  table: string,
  columns: string,
  page: { limit: number; cursor?: string },
  toItem: (row: Row) => Item,
): Promise<{ data: Item[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor, "timestamp");
  const { rows } = await db.query<Row>(
    after
      ? `SELECT ${columns} FROM ${table} WHERE (created_at, id) < ($2::timestamptz, $3::uuid)
         ORDER BY created_at DESC, id DESC LIMIT $1`
      : `SELECT ${columns} FROM ${table} ORDER BY created_at DESC, id DESC LIMIT $1`,
    after ? [page.limit + 1, after.sortValue, after.id] : [page.limit + 1],
  );
  return toPage(rows, page.limit, toItem, (row) => ({ sortValue: row.sort_key, id: row.id }));
}
