import { usageReports } from "../../core/ledger/usageReports.ts";
import type { OperationTable } from "../operation.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

function currentMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** The tenant's own usage, read from the usage ledger (data group). */
export const usageOperations: OperationTable<LedgerDeps> = {
  async getUsageSummary({ query }, deps) {
    const month = (query.month as string | undefined) ?? currentMonth(deps.now?.() ?? new Date());
    return { body: await usageReports.summary(deps.ledgerDb, month) };
  },

  async getUsageDaily({ query }, deps) {
    const month = (query.month as string | undefined) ?? currentMonth(deps.now?.() ?? new Date());
    return { body: await usageReports.daily(deps.ledgerDb, month) };
  },

  async listUsageEvents({ query }, deps) {
    return {
      body: await usageReports.events(
        deps.ledgerDb,
        query as { limit: number; cursor?: string; month?: string; model?: string },
      ),
    };
  },
};
