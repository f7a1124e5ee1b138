import * as z from "zod";

// Scalars every resource family shares. One definition each, so a format means the same thing in every
// request, every response and the OpenAPI document generated from them.

/** A resource id the API issued (conversation, message, template, export, deletion): a UUID. */
export const resourceId = z.uuid({ error: "must be a UUID, e.g. 0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b" });

/** An instant the API reports: ISO 8601 in UTC, e.g. `2025-01-31T09:30:00Z` (fractional seconds allowed). */
export const timestamp = z.iso.datetime({
  error: "must be an ISO 8601 timestamp in UTC, e.g. 2025-01-31T09:30:00Z",
});

/** An instant a client sends as a filter: ISO 8601 with `Z` or an offset, e.g. `2025-01-31T10:30:00+01:00`. */
export const timestampFilter = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 timestamp with Z or an offset, e.g. 2025-01-31T09:30:00Z",
});

/** A calendar month in UTC, `YYYY-MM`: the period of budgets and usage reports. */
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM, e.g. 2025-01")
  .meta({ examples: ["2025-01"] });

/** A calendar day in UTC, `YYYY-MM-DD`. */
export const day = z.iso.date({ error: "must be a date as YYYY-MM-DD, e.g. 2025-01-31" });

/**
 * US dollars as the API reports them: a decimal string with exactly six places. Never a float, so amounts
 * add up exactly and reconcile with the usage ledger.
 */
export const usdAmount = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,11})\.\d{6}$/,
    'must be a decimal string of US dollars with six places, e.g. "12.345600"',
  )
  .meta({ examples: ["12.345600"] });

/** US dollars as a client sends them: a decimal string with at most six places, below 100,000,000. */
export const usdAmountInput = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,7})(\.\d{1,6})?$/,
    'must be a decimal string of US dollars (at most 6 decimal places, below 100000000), e.g. "250" or "99.50"; not a number',
  )
  .meta({ examples: ["250.00"] });

/** A count of model tokens. */
export const tokenCount = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

const maxMetadataKeys = 16;

/** String labels a client attaches to a resource; OpenAI's `metadata` limits (16 keys, 64/512 characters). */
export const metadata = z
  .record(z.string().min(1).max(64), z.string().max(512, "metadata values are at most 512 characters"), {
    // Without this a bad key reports only "Invalid key in record".
    error: (issue) => (issue.code === "invalid_key" ? "metadata keys must be 1-64 characters" : undefined),
  })
  .refine((labels) => Object.keys(labels).length <= maxMetadataKeys, {
    message: `has more than ${maxMetadataKeys} keys; keep at most ${maxMetadataKeys}`,
  })
  .meta({ maxProperties: maxMetadataKeys });

/**
 * The `Idempotency-Key` request header of POSTs that create or spend: a client-chosen key (a UUID is a
 * good choice); a retry with the same key and body returns the first response instead of acting twice.
 */
export const idempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, "must be 1-255 visible ASCII characters, e.g. a UUID");

/**
 * `schema` that also refuses an empty object, for PATCH bodies: a change that changes nothing is a client
 * bug worth reporting. Shows as `minProperties: 1` in the OpenAPI document.
 *
 * @example
 * const updateTitle = withAtLeastOneField(z.strictObject({ title: z.string().optional() }));
 */
export function withAtLeastOneField<Schema extends z.ZodObject>(schema: Schema): Schema {
  const fields = Object.keys(schema.shape).join(", ");
  return schema
    .refine((value) => Object.values(value).some((field) => field !== undefined), {
      message: `is empty; give at least one field to change: ${fields}`,
    })
    .meta({ minProperties: 1 });
}
