import { monthOf } from "../../core/ledger/ledgerMonths.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as budget from "../schemas/budget.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

/** The tenant's monthly budget in the usage ledger (admin group). */
export const budgetRoutes: readonly ApiRoute<LedgerDeps>[] = [
  defineRoute({
    method: "GET",
    path: "/v1/budget",
    operationId: "getBudget",
    scope: "usage:read",
    group: "admin",
    summary: "The monthly budget, spend so far and when it resets",
    response: { status: 200, schema: budget.budgetSchema },
    async handler(_input, deps: LedgerDeps) {
      const budget = await deps.ledger.budget(monthOf(deps.now?.() ?? new Date()));
      return { body: { ...budget, resetsAt: budget.resetsAt.toISOString() } };
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/v1/budget",
    operationId: "updateBudget",
    scope: "budget:write",
    group: "admin",
    summary: "Change the monthly budget or alert threshold",
    body: budget.updateBudgetBody,
    response: { status: 200, schema: budget.budgetSchema },
    async handler({ body }, deps: LedgerDeps) {
      await deps.ledger.setBudget(body.monthlyBudgetUsd, body.alertThresholdPercent);
      const budget = await deps.ledger.budget(monthOf(deps.now?.() ?? new Date()));
      return { body: { ...budget, resetsAt: budget.resetsAt.toISOString() }, resource: "budget" };
    },
  }),
];
