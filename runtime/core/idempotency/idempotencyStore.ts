import { createHash } from "node:crypto";
import type { SqlDatabase } from "../tenantDb/sqlDatabase.ts";

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
 * `Idempotency-Key` handling for POSTs that create or spend, in the tenant's own database. A request first
 * claims (operation, key) with a hash of its body; a retry with the same key and body gets the first
 * response back instead of acting twice; the same key with another body is refused; a key whose first
 * request failed is released so the client can retry.
 *
 * @example
 * const claim = await store.claim("createConversation", key, body);
 */
export function createIdempotencyStore(db: SqlDatabase) {
  return {
    async claim(operation: string, key: string, body: unknown): Promise<IdempotencyClaim> {
      const requestHash = hashRequest(body);
      await db.query(
        `DELETE FROM idempotency_keys WHERE operation = $1 AND key = $2
           AND created_at < now() - make_interval(hours => $3)`,
        [operation, key, idempotencyWindowHours],
      );
      const inserted = await db.query(
        `INSERT INTO idempotency_keys (operation, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (operation, key) DO NOTHING`,
        [operation, key, requestHash],
      );
      if (inserted.rowCount === 1) return { kind: "claimed" };
      const { rows } = await db.query<{ request_hash: string; status: number | null; response: unknown }>(
        "SELECT request_hash, status, response FROM idempotency_keys WHERE operation = $1 AND key = $2",
        [operation, key],
      );
      const row = rows[0];
      if (row === undefined) return this.claim(operation, key, body);
      if (row.request_hash !== requestHash) return { kind: "mismatch" };
      if (row.status === null) return { kind: "in-progress" };
      return { kind: "replay", response: { status: row.status, body: row.response } };
    },

    async complete(operation: string, key: string, response: StoredResponse): Promise<void> {
      await db.query(
        "UPDATE idempotency_keys SET status = $3, response = $4 WHERE operation = $1 AND key = $2",
        [operation, key, response.status, JSON.stringify(response.body ?? null)],
      );
    },

    async release(operation: string, key: string): Promise<void> {
      await db.query("DELETE FROM idempotency_keys WHERE operation = $1 AND key = $2 AND status IS NULL", [
        operation,
        key,
      ]);
    },
  };
}

function hashRequest(body: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(body ?? null))
    .digest("hex");
}
