import { RequestValidationError } from "../errors/requestValidationError.ts";

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

/**
 * What a list sorts by, so a cursor's sort value can be checked before it reaches SQL: `timestamp` as
 * {@link exactTimestamp} renders it, `integer` a non-negative bigint (a sequence number), `text` a short
 * printable string (a name).
 */
export type CursorSortKind = "timestamp" | "integer" | "text";

/** Longest cursor accepted, far above any this kit issues (a 100-character name encodes to about 200). */
const maxCursorLength = 1024;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const timestampPattern = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const integerPattern = /^(0|[1-9]\d{0,17})$/;
// Control characters (NUL among them, which Postgres text refuses) never appear in names this kit stores.
const controlCharacter = /\p{Cc}/u;

/**
 * Decodes a cursor from {@link encodeCursor} and checks its shape for the list's sort: a uuid id and a sort
 * value of `sortKind`, so a forged or edited cursor is a 400 naming `query.cursor`, never a failed cast in
 * SQL (a 500).
 *
 * @example
 * const after = decodeCursor(query.cursor, "timestamp");
 */
export function decodeCursor(
  cursor: string | undefined,
  sortKind: CursorSortKind,
): KeysetPosition | undefined {
  if (cursor === undefined) return undefined;
  const value = parseCursor(cursor);
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    isSortValue(value[0], sortKind) &&
    uuidPattern.test(value[1])
  ) {
    return { sortValue: value[0], id: value[1] };
  }
  throw new RequestValidationError([
    { path: "query.cursor", message: "is not a cursor this list issued; pass nextCursor back unchanged" },
  ]);
}

function parseCursor(cursor: string): unknown {
  if (cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]*$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

function isSortValue(sortValue: string, sortKind: CursorSortKind): boolean {
  switch (sortKind) {
    case "timestamp":
      return timestampPattern.test(sortValue) && isCalendarTime(sortValue);
    case "integer":
      return integerPattern.test(sortValue);
    case "text":
      return sortValue.length <= 200 && !controlCharacter.test(sortValue);
  }
}

/** The fields are in range (no 2025-02-30, no 25:00): the milliseconds part survives a round trip. */
function isCalendarTime(timestamp: string): boolean {
  const milliseconds = `${timestamp.slice(0, 23)}Z`;
  const parsed = new Date(milliseconds);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === milliseconds;
}

/**
 * Turns `limit + 1` fetched rows into a page: at most `limit` items and the cursor of the last one when
 * more rows exist. With `maxBytes`, the page also ends before the item that would take its items' JSON
 * over that many bytes (at least one item always), with the cursor of the last item it holds: a buffered
 * Lambda answer is at most 6 MB.
 */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  positionOf: (row: Row) => KeysetPosition,
  maxBytes = Number.POSITIVE_INFINITY,
): { data: Item[]; nextCursor: string | null } {
  const data: Item[] = [];
  let bytes = 0;
  for (const row of rows.slice(0, limit)) {
    const item = toItem(row);
    if (maxBytes !== Number.POSITIVE_INFINITY) {
      bytes += Buffer.byteLength(JSON.stringify(item), "utf8");
      // The page ends before the item that would take it over maxBytes; it always holds one item.
      if (bytes > maxBytes && data.length > 0) {
        return { data, nextCursor: encodeCursor(positionOf(rows[data.length - 1] as Row)) };
      }
    }
    data.push(item);
  }
  const last = rows[data.length - 1];
  return {
    data,
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
