import { formatTable } from "../cli/formatTable.ts";
import { formatDuration } from "./formatDuration.ts";
import { formatResourceChanges } from "./formatResourceChanges.ts";
import type { FleetReport } from "./stackOutcome.ts";

/**
 * The table `silo deploy` ends with: stack, result, changes, duration and log file per stack, then the
 * totals and, for each stack that did not succeed, why.
 *
 * @example
 * formatDeploySummary(report);
 * // STACK        RESULT     CHANGES            DURATION  LOG
 * // shared       succeeded  40 same            21.0s     .silo/deploy/.../shared.log
 * // ...
 */
export function formatDeploySummary(report: FleetReport): string {
  const rows = report.outcomes.map((outcome) => [
    outcome.stackName,
    outcome.result,
    formatResourceChanges(outcome.changes),
    outcome.result === "not attempted" ? "-" : formatDuration(outcome.durationMs),
    outcome.logFile ?? "-",
  ]);
  const count = (result: string) => report.outcomes.filter((outcome) => outcome.result === result).length;
  const verb = report.operation === "up" ? "deploy" : "preview";
  const reasons = report.outcomes
    .filter((outcome) => outcome.result !== "succeeded" && outcome.reason !== undefined)
    .map((outcome) => `${outcome.stackName}: ${outcome.reason}\n`);
  return (
    formatTable(["STACK", "RESULT", "CHANGES", "DURATION", "LOG"], rows) +
    `\n${verb}: ${count("succeeded")} succeeded, ${count("failed")} failed, ${count("not attempted")} not attempted\n` +
    reasons.join("")
  );
}
