import * as z from "zod";

/** Page size when the client gives no `limit`. */
export const defaultPageSize = 20;

/** The largest `limit` a list accepts: bounds the work and the response size of one request. */
export const maxPageSize = 100;

/** An opaque position in a list, as returned in `nextCursor`; clients pass it back unchanged. */
export const cursor = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, "must be the nextCursor of a previous page, passed back unchanged");

/**
 * The query of every paginated list. Query values arrive as strings, so `limit` is coerced to a number
 * before its bounds are checked.
 */
export const pageQuery = z.strictObject({
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${maxPageSize}` })
    .int(`must be a whole number from 1 to ${maxPageSize}`)
    .min(1, `must be a whole number from 1 to ${maxPageSize}`)
    .max(maxPageSize, `must be at most ${maxPageSize}; follow nextCursor for more`)
    .default(defaultPageSize)
    .describe(`Items per page, 1 to ${maxPageSize}`),
  cursor: cursor.optional().describe("The nextCursor of the previous page; omit for the first page"),
});

/**
 * One page of a list: `data` in the list's order, and `nextCursor`, null on the last page.
 *
 * @example
 * const conversationPageSchema = pageOf(conversationSchema).meta({ id: "ConversationPage" });
 */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.strictObject({
    data: z.array(item).max(maxPageSize),
    nextCursor: cursor.nullable().describe("Pass as cursor to get the next page; null on the last page"),
  });
}
