import type { FinanceReport } from "./financeReport.ts";

/**
 * The whole report as pretty-printed JSON: amounts stay decimal strings (a JSON number would be read back
 * as a float), counts and tokens are numbers.
 *
 * @example
 * JSON.parse(formatReportJson(report)).totals.billedCostUsd; // "2.215440"
 */
export function formatReportJson(report: FinanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
