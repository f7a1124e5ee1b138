import { usageReports } from "../../core/ledger/usageReports.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as usage from "../schemas/usage.ts";
import type { LedgerDeps } from "./ledgerDeps.ts";

function currentMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** The tenant's own usage, read from the usage ledger (data group). */
export const usageRoutes: readonly ApiRoute<LedgerDeps>[] = [
  defineRoute({
    method: "GET",
    path: "/v1/usage/summary",
    operationId: "getUsageSummary",
    scope: "usage:read",
    group: "data",
    summary: "Tokens and cost for a month, by model",
    query: usage.usageMonthQuery,
    response: { status: 200, schema: usage.usageSummarySchema },
    async handler({ query }, deps: LedgerDeps) {
      const month = query.month ?? currentMonth(deps.now?.() ?? new Date());
      return { body: await usageReports.summary(deps.ledgerDb, month) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/usage/daily",
    operationId: "getUsageDaily",
    scope: "usage:read",
    group: "data",
    summary: "Tokens and cost per day for a month",
    query: usage.usageMonthQuery,
    response: { status: 200, schema: usage.usageDailySchema },
    async handler({ query }, deps: LedgerDeps) {
      const month = query.month ?? currentMonth(deps.now?.() ?? new Date());
      return { body: await usageReports.daily(deps.ledgerDb, month) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/usage/events",
    operationId: "listUsageEvents",
    scope: "usage:read",
    group: "data",
    summary: "The tenant's usage ledger entries (cursor pagination)",
    query: usage.listUsageEventsQuery,
    response: { status: 200, schema: usage.usageEventPageSchema },
    async handler({ query }, deps: LedgerDeps) {
      return {
        body: await usageReports.events(deps.ledgerDb, query),
      };
    },
  }),
];
