import { type Command, Option } from "commander";
import type { CliContext } from "../cliContext.ts";
import {
  databaseUrlOption,
  ledgerReconcileFormats,
  localDataDirOption,
  parseDecimalOption,
  parseMonthOption,
} from "./ledgerOptions.ts";
import type { LedgerReconcileOptions } from "./runLedgerReconcile.ts";

/**
 * `silo ledger reconcile --month YYYY-MM --cur FILE.csv... [--tolerance-usd 0.01] [--tolerance-percent 1]
 * [--database-url URL | --data-dir DIR] [--format table|json]`: each tenant's Bedrock provider cost in the ledger against
 * the AWS Cost and Usage Report. Exit 1 when a tenant differs beyond both tolerances or untagged Bedrock
 * cost exceeds the USD tolerance; 0 otherwise.
 */
export function registerLedgerReconcile(ledger: Command, context: CliContext): void {
  ledger
    .command("reconcile")
    .description("compare each tenant's Bedrock cost in the ledger with the AWS Cost and Usage Report (CUR)")
    .requiredOption("--month <YYYY-MM>", "the UTC calendar month to reconcile", parseMonthOption)
    .requiredOption(
      "--cur <files...>",
      "CUR 2.0 (or legacy CUR) CSV export of the month, optionally .gz; all its parts",
    )
    .option(
      "--tolerance-usd <usd>",
      "allowed absolute difference per tenant, USD",
      parseDecimalOption,
      "0.01",
    )
    .option(
      "--tolerance-percent <percent>",
      "allowed difference per tenant, % of its CUR cost",
      parseDecimalOption,
      "1",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(ledgerReconcileFormats).default("table"),
    )
    .option(...databaseUrlOption)
    .option(...localDataDirOption)
    .action(async (options: LedgerReconcileOptions) => {
      // pg and csv-parse load only when the command runs, so other commands start fast.
      const { runLedgerReconcile } = await import("./runLedgerReconcile.ts");
      await runLedgerReconcile(options, context);
    });
}
