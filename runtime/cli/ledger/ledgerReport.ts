import { writeFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import type { CliContext } from "../cliContext.ts";
import {
  databaseUrlOption,
  localDataDirOption,
  parseMonthOption,
  parseTenantOption,
  resolveDatabaseUrl,
} from "./ledgerOptions.ts";
import type { FinanceReport } from "./reports/financeReport.ts";
import { formatReportCsv } from "./reports/formatReportCsv.ts";
import { formatReportJson } from "./reports/formatReportJson.ts";
import { formatReportTable } from "./reports/formatReportTable.ts";
import { readFinanceReport } from "./reports/readFinanceReport.ts";
import { renderReportHtml } from "./reports/renderReportHtml.ts";
import { withFinanceLedger } from "./reports/withFinanceLedger.ts";

/** The formats `silo ledger report` writes. */
export const ledgerReportFormats = ["table", "csv", "json", "html"] as const;

interface LedgerReportOptions {
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

/**
 * `silo ledger report --month YYYY-MM [--tenant ID] [--format table|csv|json|html] [--out FILE]
 * [--database-url URL | --data-dir DIR]`: the month's usage and cost per tenant and model, budget burn and
 * entries needing reconciliation, read from the usage ledger with the finance role (by default, the local
 * platform's finance login).
 */
export function registerLedgerReport(ledger: Command, context: CliContext): void {
  ledger
    .command("report")
    .description("month-end usage and cost per tenant and model, with budget burn, from the usage ledger")
    .requiredOption("--month <YYYY-MM>", "the UTC calendar month to report", parseMonthOption)
    .option("--tenant <id>", "only this tenant", parseTenantOption)
    .addOption(new Option("--format <format>", "output format").choices(ledgerReportFormats).default("table"))
    .option("--out <file>", "write the report to FILE instead of stdout")
    .option(...databaseUrlOption)
    .option(...localDataDirOption)
    .action(async (options: LedgerReportOptions) => {
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
    });
}
