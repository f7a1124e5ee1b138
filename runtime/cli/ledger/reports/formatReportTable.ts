import type { FinanceReport } from "./financeReport.ts";
import { formatTextTable, type TextTableColumn } from "./formatTextTable.ts";
import { usageCountCells } from "./usageCountCells.ts";

const usageColumns: readonly TextTableColumn[] = [
  { header: "TENANT" },
  { header: "MODEL" },
  { header: "REQUESTS", align: "right" },
  { header: "INPUT", align: "right" },
  { header: "OUTPUT", align: "right" },
  { header: "CACHE READ", align: "right" },
  { header: "CACHE WRITE", align: "right" },
  { header: "PROVIDER USD", align: "right" },
  { header: "BILLED USD", align: "right" },
  { header: "RESERVED", align: "right" },
  { header: "RELEASED", align: "right" },
  { header: "EXPIRED", align: "right" },
  { header: "TO RECONCILE", align: "right" },
];

const budgetColumns: readonly TextTableColumn[] = [
  { header: "TENANT" },
  { header: "BUDGET USD", align: "right" },
  { header: "SPENT USD", align: "right" },
  { header: "OF WHICH RESERVED", align: "right" },
  { header: "BURN", align: "right" },
  { header: "ALERT AT", align: "right" },
  { header: "STATUS" },
];

/**
 * The report as plain-text tables for a terminal: usage and cost per tenant and model with a total line,
 * then each tenant's budget burn. Amounts are the exact decimal strings from the ledger.
 *
 * @example
 * context.out(formatReportTable(report));
 */
export function formatReportTable(report: FinanceReport): string {
  const scope = report.tenantId === null ? "all tenants" : `tenant ${report.tenantId}`;
  const usage = formatTextTable(usageColumns, [
    ...report.rows.map((row) => [row.tenantId, row.modelKey, ...usageCountCells(row)]),
    ["TOTAL", "", ...usageCountCells(report.totals)],
  ]);
  const budgets = formatTextTable(
    budgetColumns,
    report.tenants.map(({ tenantId, budget }) => [
      tenantId,
      budget.monthlyBudgetUsd,
      budget.spentUsd,
      budget.reservedUsd,
      budget.burnPercent === null ? "-" : `${budget.burnPercent}%`,
      `${budget.alertThresholdPercent}%`,
      budget.overBudget ? "OVER BUDGET" : budget.alert ? "ALERT" : "ok",
    ]),
  );
  const flagged =
    report.totals.needsReconciliation > 0
      ? `\n${report.totals.needsReconciliation} entr${report.totals.needsReconciliation === 1 ? "y needs" : "ies need"} ` +
        "reconciliation (expired reservations); see silo ledger reconcile\n"
      : "";
  return (
    `Usage ledger ${report.month}, ${scope} (USD; provider = price table, billed = incl. markup)\n\n` +
    `${usage}\nBudget burn ${report.month}\n\n${budgets}${flagged}`
  );
}
