import { type Command, Option } from "commander";
import type { CliContext } from "../cliContext.ts";
import {
  databaseUrlOption,
  ledgerReportFormats,
  localDataDirOption,
  parseMonthOption,
  parseTenantOption,
} from "./ledgerOptions.ts";
import type { LedgerReportOptions } from "./runLedgerReport.ts";

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
      // pg and the report formats load only when the command runs, so other commands start fast.
      const { runLedgerReport } = await import("./runLedgerReport.ts");
      await runLedgerReport(options, context);
    });
}
