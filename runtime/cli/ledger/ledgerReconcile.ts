import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { type Command, Option } from "commander";
import type { CliContext } from "../cliContext.ts";
import {
  databaseUrlOption,
  localDataDirOption,
  parseDecimalOption,
  parseMonthOption,
  resolveDatabaseUrl,
} from "./ledgerOptions.ts";
import { formatReconciliationTable } from "./reports/formatReconciliationTable.ts";
import { CurFileError } from "./reports/ledgerReportErrors.ts";
import { type CurBedrockUsage, readCurLineItems } from "./reports/readCurLineItems.ts";
import { reconcileWithCur } from "./reports/reconcileWithCur.ts";
import { withFinanceLedger } from "./reports/withFinanceLedger.ts";

/** The formats `silo ledger reconcile` writes. */
export const ledgerReconcileFormats = ["table", "json"] as const;

interface LedgerReconcileOptions {
  month: string;
  cur: string[];
  toleranceUsd: string;
  tolerancePercent: string;
  format: (typeof ledgerReconcileFormats)[number];
  databaseUrl?: string;
  dataDir: string;
}

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
      const databaseUrl = await resolveDatabaseUrl(options, context);
      const usage = await readCurFiles(options.cur, options.month);
      const reconciliation = await withFinanceLedger(databaseUrl, (db) =>
        reconcileWithCur(db, {
          month: options.month,
          lineItems: usage.lineItems,
          tolerance: { usd: options.toleranceUsd, percent: options.tolerancePercent },
        }),
      );
      if (usage.counts.bedrockUsage === 0) {
        context.err(
          `warning: ${options.cur.join(", ")} has no Bedrock usage line items for ${options.month}; is it the right file and month?\n`,
        );
      }
      context.out(
        options.format === "json"
          ? `${JSON.stringify({ ...reconciliation, cur: { files: options.cur, ...usage.counts } }, null, 2)}\n`
          : formatReconciliationTable(reconciliation, usage.counts),
      );
      if (!reconciliation.ok) {
        const failed = reconciliation.tenants.filter((tenant) => tenant.exceedsTolerance).length;
        context.err(
          `reconciliation of ${options.month} failed: ${failed} tenant(s) beyond tolerance, ` +
            `unattributed Bedrock cost ${reconciliation.unattributed.costUsd} USD\n`,
        );
        context.exitCode = 1;
      }
    });
}

/** A month's CUR may come in several files (parts of one export): their Bedrock usage, together. */
async function readCurFiles(files: readonly string[], month: string): Promise<CurBedrockUsage> {
  const parts: CurBedrockUsage[] = [];
  for (const file of files) parts.push(await readCurLineItems(curChunks(file), { month, source: file }));
  const total = (key: keyof CurBedrockUsage["counts"]) =>
    parts.reduce((sum, part) => sum + part.counts[key], 0);
  return {
    lineItems: parts.flatMap((part) => part.lineItems),
    counts: {
      lineItems: total("lineItems"),
      bedrockUsage: total("bedrockUsage"),
      otherProducts: total("otherProducts"),
      otherLineItemTypes: total("otherLineItemTypes"),
      otherMonths: total("otherMonths"),
    },
  };
}

/** The file's text as it comes off the disk, through gunzip for a `.gz`: never the whole file at once. */
async function* curChunks(file: string): AsyncGenerator<Buffer> {
  const bytes = createReadStream(file);
  const stream = file.endsWith(".gz") ? bytes.pipe(createGunzip()) : bytes;
  // pipe() does not pass a read error on to gunzip; its errors are the file's, gunzip's are the format's.
  if (stream !== bytes) bytes.once("error", (error) => stream.destroy(error));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).syscall !== undefined) {
      throw new CurFileError(
        file,
        `cannot read the file (${(error as Error).message})`,
        "check the --cur path",
      );
    }
    throw new CurFileError(
      file,
      `is not gzip (${(error as Error).message})`,
      "pass the .csv.gz as downloaded",
    );
  } finally {
    bytes.destroy();
  }
}
