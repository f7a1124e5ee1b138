import type { CheckResult, CheckStatus, SmokeReport } from "./smokeReport.ts";

const labels: Record<CheckStatus, string> = { pass: "PASS", fail: "FAIL", skip: "SKIP" };

/**
 * One check as a line: status, name, tenant and detail; a skip's detail reads "skipped: ...".
 *
 * @example
 * formatCheckLine({ name: "data: health", tenant: "globex", status: "pass", detail: "200, status ok" });
 * // "PASS  data: health [globex]: 200, status ok"
 */
export function formatCheckLine(check: CheckResult): string {
  const tenant = check.tenant !== undefined ? ` [${check.tenant}]` : "";
  const detail = check.status === "skip" ? `skipped: ${check.detail}` : check.detail;
  return `${labels[check.status]}  ${check.name}${tenant}: ${detail}`;
}

/** The report as text: failures first (what to act on), then every check, then the counts. */
export function formatSmokeReport(report: SmokeReport): string {
  const failures = report.checks.filter((check) => check.status === "fail");
  const lines = [
    `silo smoke ${report.url}`,
    ...(failures.length > 0
      ? ["", "Failed:", ...failures.map((check) => `  ${formatCheckLine(check)}`)]
      : []),
    "",
    "All checks:",
    ...report.checks.map((check) => `  ${formatCheckLine(check)}`),
    "",
    `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
  ];
  return `${lines.join("\n")}\n`;
}

/** The report as JSON: `{ url, passed, failed, skipped, checks: [{ name, tenant?, status, detail }] }`. */
export function formatSmokeReportJson(report: SmokeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
