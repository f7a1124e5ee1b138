import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import type { CliContext } from "../cliContext.ts";
import type { ledgerReconcileFormats } from "./ledgerOptions.ts";
import { formatReconciliationTable } from "./reports/formatReconciliationTable.ts";
import { CurFileError } from "./reports/ledgerReportErrors.ts";
import { type CurBedrockUsage, readCurLineItems } from "./reports/readCurLineItems.ts";
import { reconcileWithCur } from "./reports/reconcileWithCur.ts";
import { withFinanceLedger } from "./reports/withFinanceLedger.ts";
import { resolveDatabaseUrl } from "./resolveDatabaseUrl.ts";

/** The options of `silo ledger reconcile`, as parsed. */
export interface LedgerReconcileOptions {
  month: string;
  cur: string[];
  toleranceUsd: string;
  tolerancePercent: string;
  format: (typeof ledgerReconcileFormats)[number];
  databaseUrl?: string;
  dataDir: string;
}

/**
 * The action of `silo ledger reconcile` (runtime/cli/ledger/ledgerReconcile.ts): the ledger's Bedrock cost
 * per tenant against the CUR files; exit code 1 when the two differ beyond tolerance.
 */
export async function runLedgerReconcile(
  options: LedgerReconcileOptions,
  context: CliContext,
): Promise<void> {
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
