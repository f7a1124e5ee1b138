import type { PlanReport } from "../planStacks.ts";
import { describeQuotaBreach, round } from "../quotas/fleetQuotaReport.ts";
import { describeCounts, planCounts } from "./planSummary.ts";
import { quotaBreaches } from "./quotaReportLines.ts";

/**
 * The plan as Markdown, for a pull request comment or a review record: a table of stacks, then a table of
 * the violations and of the names AWS would refuse of each stack that has any, then the quota report and its
 * breaches.
 */
export function formatPlanMarkdown(report: PlanReport): string {
  const lines = [
    "# silo plan",
    "",
    describeCounts(planCounts(report.stacks)),
    "",
    "| Stack | Profile | Resources | Mandatory | Advisory | Names AWS refuses |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const stack of report.stacks) {
    const counts = planCounts([stack]);
    lines.push(
      `| ${stack.name} | ${stack.profile} | ${counts.resources} | ${counts.mandatory} | ${counts.advisory} | ${counts.nameFindings} |`,
    );
  }
  for (const stack of report.stacks.filter(
    (planned) => planned.violations.length > 0 || planned.nameFindings.length > 0,
  )) {
    lines.push("", `## ${stack.name}`);
    if (stack.violations.length > 0) {
      lines.push("", "| Level | Policy | Resource | Message |", "| --- | --- | --- | --- |");
    }
    for (const violation of stack.violations) {
      lines.push(
        `| ${violation.enforcementLevel} | \`${violation.policy}\` | ${cell(violation.urn ?? "(stack)")} | ${cell(violation.message)} |`,
      );
    }
    if (stack.nameFindings.length > 0) {
      lines.push("", "| Resource | Property | Value | Problem | Fix |", "| --- | --- | --- | --- | --- |");
    }
    for (const finding of stack.nameFindings) {
      lines.push(
        `| ${cell(finding.urn)} | \`${finding.property}\` (${cell(finding.awsParameter)}) | ${cell(JSON.stringify(finding.value))} | ` +
          `${cell(finding.problem)} | ${cell(finding.fix)} ([AWS](${finding.url})) |`,
      );
    }
  }
  const quotas = report.quotas;
  lines.push(
    "",
    `## Quotas (${quotas.tenants} tenants)`,
    "",
    "| Quota | Service | Value | Used | Per tenant | Breaks at tenant | Status |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const usage of quotas.usages.filter(
    (candidate) => candidate.status !== "runtime" && candidate.used > 0,
  )) {
    lines.push(
      `| [${usage.name}](${usage.url}) | ${usage.service} | ${usage.value} | ${round(usage.used)} | ` +
        `${round(usage.perTenant)} | ${usage.breaksAtTenant ?? "never"} | ${usage.status} |`,
    );
  }
  for (const usage of quotaBreaches(quotas))
    lines.push("", `- ${cell(describeQuotaBreach(usage, quotas.tenants))}`);
  return `${lines.join("\n")}\n`;
}

/** Table-cell text: pipes escaped, line breaks folded. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll(/\r?\n/g, " ");
}
