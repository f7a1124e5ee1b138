import type { SqlDatabase } from "../db/sqlDatabase.ts";
import { SiloError } from "../errors/siloError.ts";
import { type DataDeletionJob, dataDeletionStore } from "./dataDeletionStore.ts";
import { jobErrorOf } from "./jobState.ts";

/** What {@link runDataDeletion} needs. */
export interface RunDataDeletionArgs {
  readonly db: SqlDatabase;
  readonly reason?: string;
  /** The token subject who asked for it. */
  readonly requestedBy: string;
  /** Quoted in the job's error when it fails unexpectedly. */
  readonly requestId: string;
}

/**
 * Idempotent POSTs whose remembered responses hold conversation data (titles, message text); a retry of
 * one after the deletion acts again instead of replaying deleted content.
 */
const conversationOperations = ["createConversation", "sendMessage"];

/**
 * Creates a data deletion job and runs it to the end, inline: `pending`, `running`, then `succeeded` with
 * what it removed, or `failed`. Every conversation and message of the tenant goes in one transaction, with
 * the job's counts committed in the same transaction, so the deletion happens completely or not at all.
 * Writers wait while it runs (an EXCLUSIVE lock: reads go on), so no message slips in uncounted. The
 * remembered idempotent responses of conversation operations are removed with them. Templates, settings,
 * the usage ledger, audit events and earlier exports are kept.
 *
 * Inline for now, like exports: a queue and a worker can take it over without changing the API.
 *
 * @example
 * const job = await runDataDeletion({ db, reason: "contract ended", requestedBy, requestId });
 */
export async function runDataDeletion(args: RunDataDeletionArgs): Promise<DataDeletionJob> {
  const created = await dataDeletionStore.create(args.db, {
    reason: args.reason ?? null,
    requestedBy: args.requestedBy,
  });
  try {
    await dataDeletionStore.markRunning(args.db, created.id);
    await args.db.transaction(async (transaction) => {
      await transaction.query("LOCK TABLE conversations, messages IN EXCLUSIVE MODE");
      const messages = await transaction.query("DELETE FROM messages");
      const conversations = await transaction.query("DELETE FROM conversations");
      await transaction.query("DELETE FROM idempotency_keys WHERE operation = ANY($1::text[])", [
        conversationOperations,
      ]);
      await dataDeletionStore.markSucceeded(transaction, created.id, {
        conversations: conversations.rowCount ?? 0,
        messages: messages.rowCount ?? 0,
      });
    });
  } catch (error) {
    await dataDeletionStore.markFailed(
      args.db,
      created.id,
      jobErrorOf(error, "DATA_DELETION_FAILED", args.requestId),
    );
    if (!(error instanceof SiloError)) throw error;
  }
  return dataDeletionStore.get(args.db, created.id);
}
