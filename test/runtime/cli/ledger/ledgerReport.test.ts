import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinanceReport } from "../../../../runtime/cli/ledger/reports/financeReport.ts";
import { createLedgerTestDatabase } from "../../core/ledger/support/ledgerTestDatabase.ts";
import { runSilo } from "../captureContext.ts";
import { checkHtml } from "./reports/support/checkHtml.ts";
import { createFinanceLogin } from "./reports/support/financeLogin.ts";
import { seedNovemberLedger } from "./reports/support/seedNovemberLedger.ts";

let ledgerDb: Awaited<ReturnType<typeof createLedgerTestDatabase>>;
let finance: Awaited<ReturnType<typeof createFinanceLogin>>;
let dir: string;

beforeAll(async () => {
  ledgerDb = await createLedgerTestDatabase("ledger_report_cli");
  await seedNovemberLedger(ledgerDb, { crashLastCall: true });
  finance = await createFinanceLogin(ledgerDb);
  dir = await mkdtemp(join(tmpdir(), "silo-ledger-report-"));
});

afterAll(async () => {
  await finance?.drop();
  await ledgerDb?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const report = (...args: string[]) =>
  runSilo("ledger", "report", "--month", "2026-11", "--database-url", finance.url, ...args);

async function jsonReport(...args: string[]): Promise<FinanceReport> {
  const result = await report("--format", "json", ...args);
  expect(result).toMatchObject({ exitCode: 0, stderr: "" });
  return JSON.parse(result.stdout) as FinanceReport;
}

describe("silo ledger report", () => {
  it("totals each tenant and model of the month from the ledger, as the finance role", async () => {
    // Act
    const json = await jsonReport();

    // Assess: globex's last Haiku call (0.024 USD) crashed before settling and was expired by the sweeper
    expect(json.rows).toEqual([
      {
        tenantId: "acme-health",
        modelKey: "claude-sonnet",
        provider: "bedrock",
        providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
        settledRequests: 9,
        inputTokens: 425_000,
        outputTokens: 29_600,
        cacheReadTokens: 80_000,
        cacheWriteTokens: 12_000,
        providerCostUsd: "1.788000",
        billedCostUsd: "2.145600",
        reserved: 0,
        released: 0,
        expired: 0,
        needsReconciliation: 0,
      },
      expect.objectContaining({
        tenantId: "acme-health",
        modelKey: "nova-lite",
        settledRequests: 10,
        providerCostUsd: "0.058200",
        billedCostUsd: "0.069840",
        released: 1,
      }),
      expect.objectContaining({
        tenantId: "globex",
        modelKey: "haiku",
        settledRequests: 6,
        inputTokens: 190_000,
        outputTokens: 15_000,
        providerCostUsd: "0.212000",
        billedCostUsd: "0.212000",
        expired: 1,
        needsReconciliation: 1,
      }),
      expect.objectContaining({
        tenantId: "globex",
        modelKey: "nova-micro",
        settledRequests: 65,
        inputTokens: 1_800_000,
        outputTokens: 220_000,
        providerCostUsd: "0.093800",
      }),
    ]);
    expect(json.totals).toMatchObject({
      settledRequests: 90,
      providerCostUsd: "2.152000",
      billedCostUsd: "2.521240",
      released: 1,
      expired: 1,
      needsReconciliation: 1,
    });
  });

  it("reports each tenant's budget burn against its monthly budget and alert threshold", async () => {
    const json = await jsonReport();

    expect(json.tenants.map(({ tenantId, budget }) => ({ tenantId, ...budget }))).toEqual([
      {
        tenantId: "acme-health",
        monthlyBudgetUsd: "3.000000",
        alertThresholdPercent: 80,
        settledUsd: "2.215440",
        reservedUsd: "0.000000",
        spentUsd: "2.215440",
        burnPercent: "73.85",
        alert: false,
        overBudget: false,
      },
      {
        tenantId: "globex",
        monthlyBudgetUsd: "0.400000",
        alertThresholdPercent: 80,
        settledUsd: "0.305800",
        reservedUsd: "0.000000",
        spentUsd: "0.305800",
        burnPercent: "76.45",
        alert: false,
        overBudget: false,
      },
    ]);
  });

  it("puts each settled call's cost on the UTC day it was made, every day of the month listed", async () => {
    const json = await jsonReport();

    expect(json.daily).toHaveLength(30);
    const costs = json.daily.flatMap((day) =>
      day.tenants
        .filter((cost) => cost.billedCostUsd !== "0.000000")
        .map((cost) => [day.date, cost.tenantId, cost.billedCostUsd]),
    );
    expect(costs).toEqual([
      ["2026-11-03", "acme-health", "1.116000"],
      ["2026-11-05", "globex", "0.051800"],
      ["2026-11-10", "acme-health", "0.069840"],
      ["2026-11-12", "globex", "0.168000"],
      ["2026-11-17", "acme-health", "1.029600"],
      ["2026-11-21", "globex", "0.042000"],
      ["2026-11-26", "globex", "0.044000"],
    ]);
    expect(json.models.map((model) => [model.providerModelId, model.billedCostUsd])).toEqual([
      ["anthropic.claude-sonnet-4-20250514-v1:0", "2.145600"],
      ["anthropic.claude-3-5-haiku-20241022-v1:0", "0.212000"],
      ["amazon.nova-micro-v1:0", "0.093800"],
      ["amazon.nova-lite-v1:0", "0.069840"],
    ]);
  });

  it("reports one tenant with --tenant", async () => {
    const json = await jsonReport("--tenant", "globex");

    expect(json.tenantId).toBe("globex");
    expect(json.rows.map((row) => row.tenantId)).toEqual(["globex", "globex"]);
    expect(json.tenants.map((tenant) => tenant.tenantId)).toEqual(["globex"]);
    expect(json.totals.providerCostUsd).toBe("0.305800");
  });

  it("prints a table by default, with totals and budget burn", async () => {
    const result = await report();

    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain("Usage ledger 2026-11, all tenants");
    expect(result.stdout).toMatch(
      /\nacme-health\s+claude-sonnet\s+9\s+425000\s+29600\s+80000\s+12000\s+1\.788000\s+2\.145600\s/,
    );
    expect(result.stdout).toMatch(/\nTOTAL\s+90\s.*\s2\.152000\s+2\.521240\s+0\s+1\s+1\s+1\n/);
    expect(result.stdout).toMatch(/\nglobex\s+0\.400000\s+0\.305800\s+0\.000000\s+76\.45%\s+80%\s+ok\n/);
    expect(result.stdout).toContain("1 entry needs reconciliation");
  });

  it("writes CSV with one line per tenant and model, matching the JSON amounts", async () => {
    const result = await report("--format", "csv");

    const lines = result.stdout.split("\r\n");
    expect(lines[0]).toMatch(/^month,tenant_id,model_key,provider,provider_model_id,settled_requests,/);
    expect(lines[1]).toBe(
      "2026-11,acme-health,claude-sonnet,bedrock,anthropic.claude-sonnet-4-20250514-v1:0,9,425000,29600,80000,12000,1.788000,2.145600,0,0,0,0",
    );
    expect(lines).toHaveLength(6);
  });

  it("writes one self-contained HTML file whose numbers match the JSON report", async () => {
    // Prepare
    const file = join(dir, "ledger-2026-11.html");
    const json = await jsonReport();

    // Act
    const result = await report("--format", "html", "--out", file);

    // Assess
    expect(result).toMatchObject({
      exitCode: 0,
      stdout: `wrote ${file} (html, 2026-11, 2 tenant(s), 4 tenant-model row(s), billed 2.521240 USD)\n`,
    });
    const html = await readFile(file, "utf8");
    expect(checkHtml(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|http/i);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain(`<div class="kpi" id="total-billed"><b>${json.totals.billedCostUsd}</b>`);
    expect(html).toContain(`<div class="kpi" id="total-provider"><b>${json.totals.providerCostUsd}</b>`);
    for (const row of json.rows) {
      expect(html).toContain(
        `<tr><td>${row.tenantId}</td><td>${row.modelKey}</td><td>${row.settledRequests}</td><td>${row.inputTokens}</td>` +
          `<td>${row.outputTokens}</td><td>${row.cacheReadTokens}</td><td>${row.cacheWriteTokens}</td>` +
          `<td>${row.providerCostUsd}</td><td>${row.billedCostUsd}</td>`,
      );
    }
    expect(html).toContain("<title>acme-health, 2026-11-03: 1.116000 USD</title>");
    expect(html).toContain("76.45% of 0.400000 USD (alert at 80%)");
  });

  it("reads the connection string from SILO_LEDGER_DATABASE_URL when --database-url is not given", async () => {
    process.env.SILO_LEDGER_DATABASE_URL = finance.url;
    try {
      const result = await runSilo("ledger", "report", "--month", "2026-11", "--format", "json");

      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout).totals.billedCostUsd).toBe("2.521240");
    } finally {
      delete process.env.SILO_LEDGER_DATABASE_URL;
    }
  });

  it("fails naming --database-url, SILO_LEDGER_DATABASE_URL and the local platform when none is there", async () => {
    // Prepare: a data directory no local platform has run with
    const noPlatform = join(dir, "no-platform");

    // Act
    const result = await runSilo("ledger", "report", "--month", "2026-11", "--data-dir", noPlatform);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      "error [LEDGER_DATABASE_URL_MISSING]: no usage ledger connection string: pass --database-url " +
        "postgres://<finance role>@<host>:5432/<ledger db> or set SILO_LEDGER_DATABASE_URL " +
        "(connect as a login role in silo_ledger_finance); for the local platform, start it (npm start), " +
        `which writes its finance login to ${noPlatform}/ledger-finance.json, or pass the --data-dir it runs with\n`,
    );
  });

  it("says the local platform is not running when it left its finance login but stopped", async () => {
    // Prepare
    const stopped = join(dir, "stopped-platform");
    await mkdir(stopped);
    await writeFile(
      join(stopped, "ledger-finance.json"),
      JSON.stringify({
        role: "silo_local_finance",
        databaseUrl: "postgres://silo_local_finance:x@127.0.0.1:1/l",
      }),
    );

    // Act
    const result = await runSilo("ledger", "report", "--month", "2026-11", "--data-dir", stopped);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error \\[LOCAL_PLATFORM_NOT_RUNNING\\]: no running local Postgres in ${stopped} .*start the platform with npm start`,
      ),
    );
  });

  it("refuses a tenant's role, which would see only its own rows", async () => {
    // Prepare
    const tenant = await ledgerDb.connectTenant("report-intruder", 1);
    const url = new URL(ledgerDb.database.url);
    url.username = tenant.roleName;
    url.password = tenant.password;

    // Act
    const result = await runSilo("ledger", "report", "--month", "2026-11", "--database-url", url.toString());
    await ledgerDb.admin.query("DELETE FROM ledger_tenants WHERE tenant_id = 'report-intruder'");

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error \\[LEDGER_NOT_FINANCE_ROLE\\]: connected to the usage ledger as ${tenant.roleName}, which is not a member of silo_ledger_finance`,
      ),
    );
  });

  it("fails clearly when the ledger cannot be reached, without printing the password", async () => {
    const result = await runSilo(
      "ledger",
      "report",
      "--month",
      "2026-11",
      "--database-url",
      "postgres://finance:s3cret@127.0.0.1:1/ledger",
    );

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error \[LEDGER_CONNECTION_FAILED\]: cannot connect to the usage ledger at finance@127\.0\.0\.1:1\/ledger: /,
    );
    expect(result.stderr).not.toContain("s3cret");
  });

  it("names an unknown --tenant", async () => {
    const result = await report("--tenant", "initech");

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("error [LEDGER_TENANT_UNKNOWN]: the usage ledger has no tenant initech");
  });

  it("rejects a malformed month as a usage error", async () => {
    const result = await runSilo("ledger", "report", "--month", "2026-13", "--database-url", finance.url);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"2026-13" is not a month; use YYYY-MM, e.g. 2026-11');
  });
});
