import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reconciliation } from "../../../../runtime/cli/ledger/reports/reconcileWithCur.ts";
import { createLedgerTestDatabase } from "../../core/ledger/support/ledgerTestDatabase.ts";
import { runSilo } from "../captureContext.ts";
import { createFinanceLogin } from "./reports/support/financeLogin.ts";
import { type NovemberSeed, seedNovemberLedger } from "./reports/support/seedNovemberLedger.ts";

const curFile = new URL("../../../fixtures/cur/cur-2026-11-bedrock.csv", import.meta.url).pathname;

/** A ledger seeded with November 2026, and a finance login to it. */
async function november(label: string, options: { crashLastCall: boolean }) {
  const ledgerDb = await createLedgerTestDatabase(label);
  const seed: NovemberSeed = await seedNovemberLedger(ledgerDb, options);
  const finance = await createFinanceLogin(ledgerDb);
  return { ledgerDb, seed, finance };
}

let matched: Awaited<ReturnType<typeof november>>;
let drifted: Awaited<ReturnType<typeof november>>;
let dir: string;

beforeAll(async () => {
  // Every call settled: the ledger matches the CUR. Drifted: globex's last call crashed after AWS billed it.
  // One after the other: the ledger migration creates cluster-wide group roles, which must not race.
  matched = await november("ledger_reconcile_matched", { crashLastCall: false });
  drifted = await november("ledger_reconcile_drifted", { crashLastCall: true });
  dir = await mkdtemp(join(tmpdir(), "silo-ledger-reconcile-"));
});

afterAll(async () => {
  for (const ledger of [matched, drifted]) {
    await ledger?.finance.drop();
    await ledger?.ledgerDb.close();
  }
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const reconcile = (ledger: typeof matched, ...args: string[]) =>
  runSilo("ledger", "reconcile", "--month", "2026-11", "--database-url", ledger.finance.url, ...args);

describe("silo ledger reconcile", () => {
  it("reconciles cleanly (exit 0) when each tenant's ledger cost matches its tagged CUR cost", async () => {
    // Act
    const result = await reconcile(matched, "--cur", curFile);

    // Assess
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain(
      "CUR: 20 line items read, 17 Bedrock usage in 2026-11 (skipped: 2 other services, 1 non-usage Bedrock, 0 other months)",
    );
    expect(result.stdout).toContain(
      [
        "TENANT          LEDGER USD   CUR USD  DIFFERENCE  PERCENT  TO RECONCILE  STATUS",
        "acme-health       1.846200  1.846200    0.000000    0.00%             0  ok",
        "globex            0.329800  0.329800    0.000000    0.00%             0  ok",
        "(unattributed)           -  0.004200    0.004200        -             -  ok",
      ].join("\n"),
    );
    expect(result.stdout).toContain("No ledger entries need reconciliation.");
    expect(result.stdout).toContain("Result: reconciled within 0.01 USD or 1% for every tenant.");
  });

  it("fails (exit 1) when a tenant differs beyond both tolerances, listing the expired entry that explains it", async () => {
    // Act
    const result = await reconcile(drifted, "--cur", curFile);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/\nglobex\s+0\.305800\s+0\.329800\s+0\.024000\s+7\.28%\s+1\s+MISMATCH\n/);
    expect(result.stdout).toMatch(/\nacme-health\s+1\.846200\s+1\.846200\s+0\.000000\s+0\.00%\s+0\s+ok\n/);
    expect(result.stdout).toMatch(/\n\(unattributed\)\s+-\s+0\.004200\s+0\.004200\s+-\s+-\s+ok\n/);
    expect(result.stdout).toContain("Entries needing reconciliation (expired reservations");
    expect(result.stdout).toMatch(
      new RegExp(
        `\\nglobex\\s+${drifted.seed.crashedEntryId}\\s+\\S+\\s+haiku\\s+expired\\s+0\\.032384\\s+-\\s+2026-11-26T17:50:00\\.000Z\\n`,
      ),
    );
    expect(result.stdout).toContain(
      "Result: NOT reconciled. 1 tenant(s) differ beyond both tolerances: globex.",
    );
    expect(result.stderr).toBe(
      "reconciliation of 2026-11 failed: 1 tenant(s) beyond tolerance, unattributed Bedrock cost 0.004200 USD\n",
    );
  });

  it("passes the same difference when the tolerances allow it", async () => {
    const result = await reconcile(drifted, "--cur", curFile, "--tolerance-usd", "0.05");

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\nglobex\s+0\.305800\s+0\.329800\s+0\.024000\s+7\.28%\s+1\s+ok\n/);
  });

  it("fails on unattributed Bedrock cost above the USD tolerance", async () => {
    const result = await reconcile(matched, "--cur", curFile, "--tolerance-usd", "0.001");

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/\n\(unattributed\)\s+-\s+0\.004200\s+0\.004200\s+-\s+-\s+UNATTRIBUTED\n/);
    expect(result.stdout).toContain(
      "0.004200 USD of Bedrock usage carries no user:silo:tenant tag (called outside the tenants' inference profiles)",
    );
  });

  it("prints the reconciliation as JSON with --format json", async () => {
    const result = await reconcile(drifted, "--cur", curFile, "--format", "json");

    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as Reconciliation & { cur: Record<string, unknown> };
    expect(json.ok).toBe(false);
    expect(json.tenants).toEqual([
      {
        tenantId: "acme-health",
        ledgerUsd: "1.846200",
        curUsd: "1.846200",
        curLineItems: 8,
        differenceUsd: "0.000000",
        differencePercent: "0.00",
        exceedsTolerance: false,
        flaggedEntries: 0,
      },
      {
        tenantId: "globex",
        ledgerUsd: "0.305800",
        curUsd: "0.329800",
        curLineItems: 8,
        differenceUsd: "0.024000",
        differencePercent: "7.28",
        exceedsTolerance: true,
        flaggedEntries: 1,
      },
    ]);
    expect(json.unattributed).toEqual({ costUsd: "0.004200", lineItems: 1, exceedsTolerance: false });
    expect(json.flaggedEntries).toEqual([
      expect.objectContaining({ id: drifted.seed.crashedEntryId, tenantId: "globex", status: "expired" }),
    ]);
    expect(json.cur).toMatchObject({ files: [curFile], lineItems: 20, bedrockUsage: 17 });
  });

  it("reads a gzipped CUR export, in as many parts as the export wrote", async () => {
    // Prepare: the sample split in two gzipped parts, each with the header
    const [header, ...lines] = readFileSync(curFile, "utf8").trimEnd().split("\r\n");
    const parts = [lines.slice(0, 10), lines.slice(10)].map(
      (part) => `${[header, ...part].join("\r\n")}\r\n`,
    );
    const files = parts.map((_, index) => join(dir, `cur-0000${index + 1}.csv.gz`));
    for (const [index, file] of files.entries()) await writeFile(file, gzipSync(parts[index] ?? ""));

    // Act
    const result = await reconcile(matched, "--cur", ...files, "--format", "json");

    // Assess
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as Reconciliation & { cur: Record<string, unknown> };
    expect(json.cur).toMatchObject({ files, lineItems: 20, bedrockUsage: 17 });
    expect(json.tenants.map((tenant) => tenant.curUsd)).toEqual(["1.846200", "0.329800"]);
  });

  it("warns when the CUR holds no Bedrock usage for the month", async () => {
    const result = await runSilo(
      "ledger",
      "reconcile",
      "--month",
      "2026-10",
      "--cur",
      curFile,
      "--database-url",
      matched.finance.url,
    );

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      `warning: ${curFile} has no Bedrock usage line items for 2026-10; is it the right file and month?\n`,
    );
  });

  it("fails naming the file when the CUR cannot be read", async () => {
    const result = await reconcile(matched, "--cur", join(dir, "missing.csv"));

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error \[CUR_INVALID\]: .*missing\.csv: cannot read the file \(ENOENT/);
  });

  it("fails naming the file when a .gz export is not gzip", async () => {
    const file = join(dir, "plain.csv.gz");
    await writeFile(file, readFileSync(curFile));

    const result = await reconcile(matched, "--cur", file);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error \[CUR_INVALID\]: .*plain\.csv\.gz: is not gzip \(.*\); pass the \.csv\.gz as downloaded/,
    );
  });

  it("fails naming the file and line when the export is not valid CSV", async () => {
    const file = join(dir, "unclosed.csv.gz");
    const [header, first] = readFileSync(curFile, "utf8").split("\r\n");
    await writeFile(file, gzipSync(`${header}\r\n${first}\r\n"never closed,\r\n`));

    const result = await reconcile(matched, "--cur", file);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error \[CSV_INVALID\]: .*unclosed\.csv\.gz:3: a quoted field is never closed; .*re-export it/,
    );
  });

  it("rejects a tolerance that is not a decimal number as a usage error", async () => {
    const result = await reconcile(matched, "--cur", curFile, "--tolerance-percent", "1%");

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"1%" is not a non-negative decimal number');
  });
});
