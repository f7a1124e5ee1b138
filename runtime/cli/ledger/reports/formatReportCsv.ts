import type { FinanceReport } from "./financeReport.ts";
import { formatCsv } from "./formatCsv.ts";

/** The columns of {@link formatReportCsv}, in order. */
export const reportCsvHeader = [
  "month",
  "tenant_id",
  "model_key",
  "provider",
  "provider_model_id",
  "settled_requests",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "provider_cost_usd",
  "billed_cost_usd",
  "reserved",
  "released",
  "expired",
  "needs_reconciliation",
] as const;

/**
 * The report's tenant-and-model rows as RFC 4180 CSV with a header, one line per tenant and model key and
 * no total line, so a spreadsheet or a general ledger import can sum it without double counting. Amounts
 * are the exact decimal strings from the ledger.
 *
 * @example
 * await writeFile("ledger-2026-11.csv", formatReportCsv(report));
 */
export function formatReportCsv(report: FinanceReport): string {
  return formatCsv([
    reportCsvHeader,
    ...report.rows.map((row) => [
      report.month,
      row.tenantId,
      row.modelKey,
      row.provider,
      row.providerModelId,
      String(row.settledRequests),
      String(row.inputTokens),
      String(row.outputTokens),
      String(row.cacheReadTokens),
      String(row.cacheWriteTokens),
      row.providerCostUsd,
      row.billedCostUsd,
      String(row.reserved),
      String(row.released),
      String(row.expired),
      String(row.needsReconciliation),
    ]),
  ]);
}
