import { RequestValidationError } from "../../api/apiErrors.ts";

/** A position in a list ordered by a sort value, then id: the last row of the previous page. */
export interface KeysetPosition {
  readonly sortValue: string;
  readonly id: string;
}

/**
 * Encodes a keyset position as the opaque `nextCursor` clients pass back. Keyset (not offset) pagination
 * stays fast on deep pages and never skips or repeats rows when new ones arrive.
 *
 * @example
 * encodeCursor({ sortValue: "2025-01-31T09:30:00.000Z", id: "0b7e..." }); // "WyIyMDI1..."
 */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.sortValue, position.id]), "utf8").toString("base64url");
}

/** Decodes a cursor from {@link encodeCursor}; anything else is a validation error on `query.cursor`. */
export function decodeCursor(cursor: string | undefined): KeysetPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string"
    ) {
      return { sortValue: value[0], id: value[1] };
    }
  } catch {
    // reported below
  }
  throw new RequestValidationError([
    { path: "query.cursor", message: "is not a cursor this list issued; pass nextCursor back unchanged" },
  ]);
}

/**
 * Turns `limit + 1` fetched rows into a page: at most `limit` items and the cursor of the last one when
 * more rows exist.
 */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  positionOf: (row: Row) => KeysetPosition,
): { data: Item[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

/**
 * SQL rendering a timestamptz column with all six fractional digits, in UTC, for keyset cursors: a JS
 * `Date` keeps only milliseconds, and a truncated position would repeat rows on the next page.
 */
export function exactTimestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
