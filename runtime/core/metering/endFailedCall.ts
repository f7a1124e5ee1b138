import type { UsageLedger } from "../ledger/createUsageLedger.ts";
import { billedUsageOf } from "../models/modelErrors.ts";

/**
 * Ends the ledger entry of a model call that failed, before the caller rethrows the error: settled with the
 * usage the provider billed for an answer it could not deliver usably (the error's `billedUsage`), released
 * under the error's code otherwise. Never throws: an entry the ledger could not end is left to the sweeper,
 * and the model error is what the caller needs.
 *
 * @example
 * } catch (error) {
 *   await endFailedCall(deps.ledger, call.entryId, error);
 *   throw error;
 * }
 */
export async function endFailedCall(
  ledger: Pick<UsageLedger, "settle" | "release">,
  entryId: string,
  error: unknown,
): Promise<void> {
  const billed = billedUsageOf(error);
  await (billed === undefined
    ? ledger.release(entryId, (error as { code?: string }).code ?? "MODEL_CALL_FAILED")
    : ledger.settle(entryId, billed)
  ).catch(() => undefined);
}
