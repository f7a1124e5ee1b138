import * as z from "zod";
import { day, month, resourceId, timestamp, tokenCount, usdAmount } from "./common.ts";
import { modelKey } from "./models.ts";
import { pageOf, pageQuery } from "./pagination.ts";

// Usage is read from the tenant's usage ledger: one row per model call, reserved before the call and
// settled with the provider-reported tokens and the priced cost before the response returns.

const usageTotalsShape = {
  requests: z.int().min(0).describe("Settled model calls"),
  inputTokens: tokenCount,
  outputTokens: tokenCount,
  cacheReadTokens: tokenCount,
  cacheWriteTokens: tokenCount,
  costUsd: usdAmount,
};

/** Settled calls, tokens and cost over a period. */
export const usageTotalsSchema = z.strictObject(usageTotalsShape).meta({ id: "UsageTotals" });

/** Query of the monthly usage reports; the month defaults to the current one (UTC). */
export const usageMonthQuery = z.strictObject({
  month: month.optional().describe("The month to report, YYYY-MM; defaults to the current month (UTC)"),
});

/** `GET /v1/usage/summary`: a month's totals, overall and per model. */
export const usageSummarySchema = z
  .strictObject({
    month,
    totals: usageTotalsSchema,
    byModel: z.array(z.strictObject({ model: modelKey, ...usageTotalsShape })).max(1000),
  })
  .meta({ id: "UsageSummary" });

/** `GET /v1/usage/daily`: a month's totals per UTC day, days without calls included as zeros. */
export const usageDailySchema = z
  .strictObject({
    month,
    days: z.array(z.strictObject({ date: day, ...usageTotalsShape })).max(31),
  })
  .meta({ id: "UsageDaily" });

/**
 * The states of a ledger entry: held against the budget, settled at the real cost, released unused, or
 * expired by the sweeper (left open by a crash; flagged for reconciliation).
 */
export const usageEventStatuses = ["reserved", "settled", "released", "expired"] as const;

/** One entry of the tenant's usage ledger: one model call. */
export const usageEventSchema = z
  .strictObject({
    id: resourceId,
    requestId: z.string().max(128).describe("The API request that made the call"),
    operationId: z.string().max(64).describe('The operation that made the call, e.g. "createChatCompletion"'),
    model: modelKey,
    status: z.enum(usageEventStatuses),
    inputTokens: tokenCount,
    outputTokens: tokenCount,
    cacheReadTokens: tokenCount,
    cacheWriteTokens: tokenCount,
    costUsd: usdAmount.describe("The estimate while reserved; the priced cost once settled"),
    occurredAt: timestamp,
    settledAt: timestamp.nullable(),
  })
  .meta({ id: "UsageEvent" });

/** Query of `GET /v1/usage/events`: a page, optionally one month's and one model's entries. */
export const listUsageEventsQuery = pageQuery.extend({
  month: month.optional().describe("Only entries of this month, YYYY-MM"),
  model: modelKey.optional().describe("Only entries for this model key"),
});

/** A page of usage ledger entries, newest first. */
export const usageEventPageSchema = pageOf(usageEventSchema).meta({ id: "UsageEventPage" });
