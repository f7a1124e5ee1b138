import { describeNameFinding } from "../nameLimits/checkNameLimits.ts";
import type { PlanReport } from "../planStacks.ts";
import { describeCounts, planCounts } from "./planSummary.ts";
import { quotaReportLines } from "./quotaReportLines.ts";

/**
 * The plan for a terminal: a line per stack, then each violation with its level, policy, resource and
 * message, then each name AWS would refuse with its resource, the rule and the fix, then the quota report
 * (quotaReportLines.ts), then the totals.
 *
 * @example
 * // tenant-globex (baseline): 98 resources, no violations
 * //   mandatory  silo-rds-instance-not-public  urn:pulumi:...::db: publiclyAccessible is true; ...
 * //   name       aws:rds/instance:Instance  urn:pulumi:...::db
 * //              username "silo_ledger_admin" (CreateDBInstance MasterUsername) is 17 characters; ...
 */
export function formatPlanText(report: PlanReport): string {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    const verdict =
      stack.violations.length === 0 ? "no violations" : `${stack.violations.length} violation(s)`;
    const names = stack.nameFindings.length === 0 ? "" : `, ${stack.nameFindings.length} name finding(s)`;
    const standsFor =
      stack.tenants > 1 ? ` (stands for ${stack.tenants} synthetic tenants of its shape)` : "";
    lines.push(
      `${stack.name} (${stack.profile}): ${stack.resources.length} resources, ${verdict}${names}${standsFor}`,
    );
    for (const violation of stack.violations) {
      const where = violation.urn === undefined ? "(stack)" : violation.urn;
      lines.push(`  ${violation.enforcementLevel.padEnd(9)}  ${violation.policy}  ${where}`);
      lines.push(`             ${violation.message}`);
    }
    for (const finding of stack.nameFindings) {
      lines.push(`  ${"name".padEnd(9)}  ${finding.type}  ${finding.urn}`);
      lines.push(`             ${describeNameFinding(finding)}`);
    }
  }
  lines.push("", ...quotaReportLines(report.quotas), "", describeCounts(planCounts(report.stacks)));
  return `${lines.join("\n")}\n`;
}
