import type { UsageCounts } from "./financeReport.ts";

/**
 * The count and amount cells of one usage row, in report column order (requests, tokens, provider and
 * billed cost, reserved/released/expired, entries to reconcile): shared by the text and HTML reports.
 */
export function usageCountCells(counts: UsageCounts): string[] {
  return [
    String(counts.settledRequests),
    String(counts.inputTokens),
    String(counts.outputTokens),
    String(counts.cacheReadTokens),
    String(counts.cacheWriteTokens),
    counts.providerCostUsd,
    counts.billedCostUsd,
    String(counts.reserved),
    String(counts.released),
    String(counts.expired),
    String(counts.needsReconciliation),
  ];
}
