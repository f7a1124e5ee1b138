import { describe, expect, it } from "vitest";
import { formatReportTable } from "../../../../../runtime/cli/ledger/reports/formatReportTable.ts";
import { sampleReport } from "./support/sampleReport.ts";

describe("formatReportTable", () => {
  it("prints usage per tenant and model with a total line, then budget burn, amounts right-aligned", () => {
    // Prepare
    const sample = sampleReport();
    const report = {
      ...sample,
      rows: sample.rows.slice(0, 1),
      tenants: sample.tenants.slice(0, 1),
      totals: { ...sample.totals, needsReconciliation: 0 },
    };

    // Act
    const text = formatReportTable(report);

    // Assess
    expect(text).toBe(
      [
        "Usage ledger 2026-11, all tenants (USD; provider = price table, billed = incl. markup)",
        "",
        "TENANT       MODEL          REQUESTS  INPUT  OUTPUT  CACHE READ  CACHE WRITE  PROVIDER USD  BILLED USD  RESERVED  RELEASED  EXPIRED  TO RECONCILE",
        "acme-health  claude-sonnet         2   1200     300         100           40      0.008280    0.009936         0         1        0             0",
        "TOTAL                              3   2200     400         100           40      0.008400    0.010056         0         1        1             0",
        "",
        "Budget burn 2026-11",
        "",
        "TENANT       BUDGET USD  SPENT USD  OF WHICH RESERVED   BURN  ALERT AT  STATUS",
        "acme-health    3.000000   0.009936           0.000000  0.33%       80%  ok",
        "",
      ].join("\n"),
    );
  });

  it("marks tenants over budget and says how many entries need reconciliation", () => {
    const text = formatReportTable(sampleReport());

    expect(text).toMatch(/120\.00%\s+50%\s+OVER BUDGET\n/);
    expect(text).toContain(
      "\n1 entry needs reconciliation (expired reservations); see silo ledger reconcile\n",
    );
  });
});
