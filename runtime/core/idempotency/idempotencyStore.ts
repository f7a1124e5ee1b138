import { createHash } from "node:crypto";
import type { SqlDatabase } from "../db/sqlDatabase.ts";

/** A response remembered for an `Idempotency-Key`. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

/** What claiming a key found. */
export type IdempotencyClaim =
  | { readonly kind: "claimed" }
  | { readonly kind: "replay"; readonly response: StoredResponse }
  | { readonly kind: "in-progress" }
  | { readonly kind: "mismatch" };

/** How long a key is remembered; a retry after this acts again. Documented in docs/api.md. */
export const idempotencyWindowHours = 24;

/**
 * The largest answer kept for replay, in bytes of JSON (1 MiB). A larger one (a big embeddings batch, a
 * long stream) frees its key instead, so a retry acts again: a key cannot make the tenant's database hold
 * tens of megabytes for a day.
 */
export const maxReplayBytes = 1024 * 1024;

/**
 * Whose key it is: a key is scoped to the caller (the token's subject) and the operation, inside the
 * tenant's own database. The same key from another subject, or on another operation, is a new request.
 */
export interface IdempotencyScope {
  readonly subject: string;
  readonly operation: string;
}

/**
 * `Idempotency-Key` handling for POSTs that create or spend, in the tenant's own database. A request first
 * claims (subject, operation, key) with a hash of its body; a retry by the same caller with the same key and
 * body gets the first response back instead of acting twice; the same key with another body is refused; a
 * key whose first request failed is released so the client can retry. Another user of the tenant who sends
 * the same key never sees that response: keys are per caller (docs/threat-model.md).
 *
 * @example
 * const claim = await store.claim({ subject: "alice", operation: "createConversation" }, key, body);
 */
export function createIdempotencyStore(db: SqlDatabase) {
  return {
    async claim(scope: IdempotencyScope, key: string, body: unknown): Promise<IdempotencyClaim> {
      const requestHash = hashRequest(body);
      const where = "subject = $1 AND operation = $2 AND key = $3";
      const identity = [scope.subject, scope.operation, key];
      await db.query(
        `DELETE FROM idempotency_keys WHERE ${where} AND created_at < now() - make_interval(hours => $4)`,
        [...identity, idempotencyWindowHours],
      );
      const inserted = await db.query(
        `INSERT INTO idempotency_keys (subject, operation, key, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (subject, operation, key) DO NOTHING`,
        [...identity, requestHash],
      );
      if (inserted.rowCount === 1) return { kind: "claimed" };
      const { rows } = await db.query<{ request_hash: string; status: number | null; response: unknown }>(
        `SELECT request_hash, status, response FROM idempotency_keys WHERE ${where}`,
        identity,
      );
      const row = rows[0];
      if (row === undefined) return this.claim(scope, key, body);
      if (row.request_hash !== requestHash) return { kind: "mismatch" };
      if (row.status === null) return { kind: "in-progress" };
      return { kind: "replay", response: { status: row.status, body: row.response } };
    },

    /** Keeps the answer for replay, or frees the key when the answer is over {@link maxReplayBytes}. */
    async complete(scope: IdempotencyScope, key: string, response: StoredResponse): Promise<void> {
      const text = JSON.stringify(response.body ?? null);
      if (Buffer.byteLength(text, "utf8") > maxReplayBytes) return release(scope, key);
      await db.query(
        "UPDATE idempotency_keys SET status = $4, response = $5 WHERE subject = $1 AND operation = $2 AND key = $3",
        [scope.subject, scope.operation, key, response.status, text],
      );
    },

    release,
  };

  async function release(scope: IdempotencyScope, key: string): Promise<void> {
    await db.query(
      "DELETE FROM idempotency_keys WHERE subject = $1 AND operation = $2 AND key = $3 AND status IS NULL",
      [scope.subject, scope.operation, key],
    );
  }
}

function hashRequest(body: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(body ?? null))
    .digest("hex");
}
