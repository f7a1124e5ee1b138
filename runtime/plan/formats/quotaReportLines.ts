import { describeQuotaBreach, type QuotaReport, type QuotaUsage, round } from "../quotas/fleetQuotaReport.ts";

/** The quotas a plan breaches (capacity quotas the fleet exceeds): what makes `silo plan` exit 1 besides the pack. */
export function quotaBreaches(report: QuotaReport): QuotaUsage[] {
  return report.usages.filter((usage) => usage.status === "breached");
}

/**
 * The quota report for a terminal: one line per quota the stacks consume (used of usable, per tenant, the
 * tenant count at which it breaks), the order in which they bind, the runtime rates the plan cannot see,
 * then each breach with its fix.
 *
 * @example
 * // DB instances (Amazon Relational Database Service (Amazon RDS))  61 of 40  1 per tenant  breaks at tenant 40  BREACHED
 */
export function quotaReportLines(report: QuotaReport): string[] {
  const lines = [
    `Quotas of the account and Region (${report.tenants} tenants; use = shared + per tenant x tenants):`,
  ];
  const measured = report.usages.filter((usage) => usage.status !== "runtime" && usage.used > 0);
  const width = Math.max(0, ...measured.map((usage) => usage.name.length));
  for (const usage of measured) {
    const breaks =
      usage.breaksAtTenant === null ? "never breaks" : `breaks at tenant ${usage.breaksAtTenant}`;
    const flags = [
      usage.status === "ok" ? "" : usage.status.toUpperCase(),
      usage.ownMaking ? "KIT'S OWN CEILING" : "",
      usage.value === usage.defaultValue ? "" : `raised from ${usage.defaultValue}`,
      usage.adjustable ? "" : "not adjustable",
    ].filter(Boolean);
    lines.push(
      `  ${usage.name.padEnd(width)}  ${round(usage.used).padStart(7)} of ${String(usage.usable).padEnd(7)} ` +
        `${round(usage.perTenant).padStart(6)} per tenant  ${breaks}${flags.length === 0 ? "" : `  (${flags.join(", ")})`}`,
    );
  }
  if (report.binding.length > 0) {
    lines.push(
      `  binds first: ${report.binding
        .slice(0, 5)
        .map((usage) => `${usage.name} at tenant ${usage.breaksAtTenant}`)
        .join(", then ")}`,
    );
  }
  const runtime = report.usages.filter((usage) => usage.status === "runtime");
  if (runtime.length > 0) {
    lines.push(
      `  runtime rates the plan cannot see (watch them in CloudWatch): ${runtime.map((usage) => `${usage.name} (${usage.value} ${usage.unit})`).join("; ")}`,
    );
  }
  for (const usage of quotaBreaches(report))
    lines.push(`  breach: ${describeQuotaBreach(usage, report.tenants)}`);
  return lines;
}
