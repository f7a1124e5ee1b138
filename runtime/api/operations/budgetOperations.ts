import { monthOf } from "../../core/ledger/ledgerMonths.ts";
import { operationTable } from "../operation.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

/** The tenant's monthly budget in the usage ledger (admin group). */
export const budgetOperations = operationTable<LedgerDeps>({
  async getBudget(_input, deps) {
    const budget = await deps.ledger.budget(monthOf(deps.now?.() ?? new Date()));
    return { body: { ...budget, resetsAt: budget.resetsAt.toISOString() } };
  },

  async updateBudget({ body }, deps) {
    await deps.ledger.setBudget(body.monthlyBudgetUsd, body.alertThresholdPercent);
    const budget = await deps.ledger.budget(monthOf(deps.now?.() ?? new Date()));
    return { body: { ...budget, resetsAt: budget.resetsAt.toISOString() }, resource: "budget" };
  },
});
