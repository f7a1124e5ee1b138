import { describe, expect, it } from "vitest";
import { formatSmokeReport, formatSmokeReportJson } from "../../../runtime/smoke/formatSmokeReport.ts";
import { summarizeChecks } from "../../../runtime/smoke/smokeReport.ts";

const report = summarizeChecks("http://127.0.0.1:8080", [
  { name: "data: health", tenant: "globex", status: "pass", detail: "200, status ok" },
  { name: "admin: budget", tenant: "globex", status: "fail", detail: "expected 200, got 500" },
  { name: "isolation: cross-tenant denials", status: "skip", detail: "needs two tenants, got 1 (globex)" },
]);

describe("formatSmokeReport", () => {
  it("lists failures first, then every check, then the counts", () => {
    expect(formatSmokeReport(report)).toBe(
      [
        "silo smoke http://127.0.0.1:8080",
        "",
        "Failed:",
        "  FAIL  admin: budget [globex]: expected 200, got 500",
        "",
        "All checks:",
        "  PASS  data: health [globex]: 200, status ok",
        "  FAIL  admin: budget [globex]: expected 200, got 500",
        "  SKIP  isolation: cross-tenant denials: skipped: needs two tenants, got 1 (globex)",
        "",
        "1 passed, 1 failed, 1 skipped",
        "",
      ].join("\n"),
    );
  });

  it("writes the JSON report with counts and every check", () => {
    expect(JSON.parse(formatSmokeReportJson(report))).toEqual({
      url: "http://127.0.0.1:8080",
      passed: 1,
      failed: 1,
      skipped: 1,
      checks: report.checks,
    });
  });
});
