import { monthOf } from "../../core/ledger/ledgerMonths.ts";
import type { OperationTable } from "../operation.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

/** The tenant's monthly budget in the usage ledger (admin group). */
export const budgetOperations: OperationTable<LedgerDeps> = {
  async getBudget(_input, deps) {
    const budget = await deps.ledger.budget(monthOf(deps.now?.() ?? new Date()));
    return { body: { ...budget, resetsAt: budget.resetsAt.toISOString() } };
  },

  async updateBudget({ body }, deps) {
    const change = body as { monthlyBudgetUsd: string; alertThresholdPercent: number };
    await deps.ledger.setBudget(change.monthlyBudgetUsd, change.alertThresholdPercent);
    const budget = await deps.ledger.budget(monthOf(deps.now?.() ?? new Date()));
    return { body: { ...budget, resetsAt: budget.resetsAt.toISOString() }, resource: "budget" };
  },
};
