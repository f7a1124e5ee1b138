import { describe, expect, it } from "vitest";
import {
  formatReportCsv,
  reportCsvHeader,
} from "../../../../../runtime/cli/ledger/reports/formatReportCsv.ts";
import { formatReportJson } from "../../../../../runtime/cli/ledger/reports/formatReportJson.ts";
import { parseCsv } from "../../../../../runtime/cli/ledger/reports/parseCsv.ts";
import { hostileTenantId, sampleReport } from "./support/sampleReport.ts";

describe("formatReportCsv", () => {
  it("writes a header and one CRLF record per tenant and model, amounts as exact strings", () => {
    const csv = formatReportCsv(sampleReport());

    expect(csv.split("\r\n").slice(0, 2)).toEqual([
      reportCsvHeader.join(","),
      "2026-11,acme-health,claude-sonnet,bedrock,anthropic.claude-sonnet-4-20250514-v1:0,2,1200,300,100,40,0.008280,0.009936,0,1,0,0",
    ]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("quotes fields with quotes or commas so the file reads back to the same values", () => {
    const records = [...parseCsv(formatReportCsv(sampleReport()))].map((record) => record.fields);

    expect(records).toHaveLength(3);
    expect(records[2]?.slice(0, 3)).toEqual(["2026-11", hostileTenantId, 'm<b>"x"']);
  });
});

describe("formatReportJson", () => {
  it("keeps amounts as decimal strings and counts as numbers", () => {
    const parsed = JSON.parse(formatReportJson(sampleReport()));

    expect(parsed.totals).toMatchObject({ billedCostUsd: "0.010056", settledRequests: 3 });
    expect(parsed).toEqual(sampleReport());
  });
});
