import { writeFile } from "node:fs/promises";
import type { CliContext } from "../cliContext.ts";
import type { ledgerReportFormats } from "./ledgerOptions.ts";
import type { FinanceReport } from "./reports/financeReport.ts";
import { formatReportCsv } from "./reports/formatReportCsv.ts";
import { formatReportJson } from "./reports/formatReportJson.ts";
import { formatReportTable } from "./reports/formatReportTable.ts";
import { readFinanceReport } from "./reports/readFinanceReport.ts";
import { renderReportHtml } from "./reports/renderReportHtml.ts";
import { withFinanceLedger } from "./reports/withFinanceLedger.ts";
import { resolveDatabaseUrl } from "./resolveDatabaseUrl.ts";

/** The options of `silo ledger report`, as parsed. */
export interface LedgerReportOptions {
  month: string;
  tenant?: string;
  format: (typeof ledgerReportFormats)[number];
  out?: string;
  databaseUrl?: string;
  dataDir: string;
}

const formatters: Record<LedgerReportOptions["format"], (report: FinanceReport) => string> = {
  table: formatReportTable,
  csv: formatReportCsv,
  json: formatReportJson,
  html: (report) => renderReportHtml(report, { generatedAt: new Date() }),
};

/** The action of `silo ledger report` (runtime/cli/ledger/ledgerReport.ts): reads the month, writes the report. */
export async function runLedgerReport(options: LedgerReportOptions, context: CliContext): Promise<void> {
  const databaseUrl = await resolveDatabaseUrl(options, context);
  const report = await withFinanceLedger(databaseUrl, (db) =>
    readFinanceReport(db, {
      month: options.month,
      ...(options.tenant === undefined ? {} : { tenantId: options.tenant }),
    }),
  );
  const text = formatters[options.format](report);
  if (options.out === undefined) {
    context.out(text);
    return;
  }
  await writeFile(options.out, text);
  context.out(
    `wrote ${options.out} (${options.format}, ${report.month}, ${report.tenants.length} tenant(s), ` +
      `${report.rows.length} tenant-model row(s), billed ${report.totals.billedCostUsd} USD)\n`,
  );
}
