import { LedgerUnavailableError } from "./ledgerErrors.ts";

const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01",
  "57P03",
  "08006",
  "08001",
  "08004",
]);

/** Connection-level failures become LEDGER_UNAVAILABLE; everything else (budget, not found) passes. */
export async function guardLedgerCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    // DATABASE_UNAVAILABLE: the ledger's own connection (createDatabase) failed; say which database it was.
    if (
      code === "DATABASE_UNAVAILABLE" ||
      connectionErrorCodes.has(code) ||
      /Connection terminated|connect ECONNREFUSED|timeout/i.test((error as Error).message ?? "")
    ) {
      throw new LedgerUnavailableError(error);
    }
    throw error;
  }
}
