import { formatTable } from "../formatTable.ts";
import type { ModelCheckResult, ModelsCheckReport } from "./checkModels.ts";

/**
 * The report of `silo models check` for people: one row per model and Region (how the tenants reach it,
 * who uses it, each status Bedrock gave, the verdict), then each problem with its fix, then a summary line.
 *
 * @example
 * context.out(formatModelsCheckText(report));
 */
export function formatModelsCheckText(report: ModelsCheckReport): string {
  const rows = report.results.map((result) => {
    const { target, availability } = result;
    const statuses = availability.found
      ? [
          availability.authorizationStatus ?? "-",
          availability.entitlementAvailability ?? "-",
          availability.regionAvailability ?? "-",
          availability.agreementStatus ?? "-",
        ]
      : ["-", "-", "NOT_FOUND", "-"];
    return [
      target.foundationModelId,
      target.region,
      useOf(result),
      target.tenants.join(","),
      ...statuses,
      result.verdict,
    ];
  });
  const lines = [
    `Bedrock model access, called from ${report.region} (${report.regionSource})`,
    "",
    formatTable(
      [
        "MODEL",
        "REGION",
        "USE",
        "TENANTS",
        "AUTHORIZATION",
        "ENTITLEMENT",
        "IN REGION",
        "AGREEMENT",
        "VERDICT",
      ],
      rows,
    ).trimEnd(),
  ];
  const notReady = report.results.filter((result) => result.verdict === "not-ready");
  const warnings = report.results.filter((result) => result.verdict === "warning");
  if (notReady.length > 0) lines.push("", "Not ready:", ...problemLines(notReady));
  if (warnings.length > 0) lines.push("", "Warnings:", ...problemLines(warnings));
  if (report.placementProblems.length > 0) {
    lines.push(
      "",
      `Model ids AWS would refuse in ${report.region} (the model catalogue; silo tenants validate and silo plan say the same):`,
      ...report.placementProblems.map((problem) => `  ${problem.tenantId}: ${problem.message}`),
    );
  }
  const ready = report.results.filter((result) => result.verdict === "ready").length;
  lines.push(
    "",
    `${report.results.length} model/Region pair(s): ${ready} ready, ${notReady.length} not ready, ${warnings.length} warning(s)` +
      (report.placementProblems.length > 0
        ? `, ${report.placementProblems.length} refused model id(s)`
        : "") +
      (report.ready
        ? ": ready for pulumi up"
        : ": fix the above before pulumi up, then run silo models check again"),
  );
  return `${lines.join("\n")}\n`;
}

function useOf(result: ModelCheckResult): string {
  if (result.target.onDemand) return "on demand";
  return result.target.calling ? "profile" : "routed";
}

/**
 * Each problem once per model, with every Region it was found in: the use-case form, the subscription and
 * the agreement belong to the account, so a profile's Regions would otherwise repeat the same fix.
 */
function problemLines(results: readonly ModelCheckResult[]): string[] {
  const groups = new Map<string, ModelCheckResult[]>();
  for (const result of results) {
    const key = `${result.target.foundationModelId}\u0000${JSON.stringify(result.problems)}`;
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups.values()].flatMap((group) => {
    const [first] = group as [ModelCheckResult, ...ModelCheckResult[]];
    const tenants = [...new Set(group.flatMap((result) => result.target.tenants))].sort();
    const modelIds = [...new Set(group.flatMap((result) => result.target.modelIds))].sort();
    return [
      `  ${first.target.foundationModelId} in ${group.map((result) => result.target.region).join(", ")} ` +
        `(${tenants.join(", ")}; as ${modelIds.join(", ")})`,
      ...first.problems.flatMap((problem) => [`    - ${problem.problem}`, `      fix: ${problem.fix}`]),
    ];
  });
}
