import { createHash } from "node:crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import packageJson from "../../../package.json" with { type: "json" };
import type { SiloPolicy } from "../../../policies/rules/siloPolicy.ts";
import type { AwsNameLimit } from "../nameLimits/awsNameLimit.ts";
import { awsNameLimits } from "../nameLimits/awsNameLimits.ts";
import { describeNameFinding } from "../nameLimits/checkNameLimits.ts";
import type { PlannedStack, PlanReport } from "../planStacks.ts";

/** GitHub code scanning's `security-severity` (CVSS-like, 0-10) per rule severity. */
const securitySeverity: Record<SiloPolicy["severity"], string> = {
  low: "3.0",
  medium: "5.5",
  high: "8.0",
  critical: "9.5",
};

/**
 * The plan as SARIF 2.1.0, for code scanning upload (`github/codeql-action/upload-sarif`): one run of the
 * `silo-kit policy pack` tool, every rule of the pack in its driver (description, link, control tags,
 * level), one result per violation. Each result points at the file that defines its stack (the tenant's
 * YAML, stacks/shared.ts, or the `--program` file) and names the resource's URN as its logical location;
 * a stable fingerprint (stack, policy, URN) lets code scanning track it across runs. A second run, of the
 * `silo-kit AWS name limits` tool, has a rule per documented limit (nameLimits/awsNameLimits.ts) and an
 * error per name or description AWS would refuse.
 */
export function formatPlanSarif(
  report: PlanReport,
  rules: readonly SiloPolicy[],
  nameLimits: readonly AwsNameLimit[] = awsNameLimits,
): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.name, index]));
  const results: Result[] = [];
  for (const stack of report.stacks) {
    for (const violation of stack.violations) {
      const where = violation.urn ?? `stack ${stack.name}`;
      results.push({
        ruleId: violation.policy,
        ...(ruleIndex.has(violation.policy) ? { ruleIndex: ruleIndex.get(violation.policy) } : {}),
        level: violation.enforcementLevel === "mandatory" ? "error" : "warning",
        message: { text: `${stack.name}: ${violation.message} (${where})` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: stack.source, uriBaseId: "%SRCROOT%" },
              region: { startLine: 1 },
            },
            logicalLocations: [
              violation.urn === undefined
                ? { fullyQualifiedName: stack.name, kind: "module" }
                : { fullyQualifiedName: violation.urn, kind: "resource" },
            ],
          },
        ],
        partialFingerprints: {
          "siloPolicyViolation/v1": createHash("sha256")
            .update(`${stack.name}\n${violation.policy}\n${where}`)
            .digest("hex"),
        },
        properties: { stack: stack.name, profile: stack.profile },
      });
    }
  }
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "silo-kit policy pack",
            version: packageJson.version,
            rules: rules.map(describeRule),
          },
        },
        results,
      },
      {
        tool: {
          driver: {
            name: "silo-kit AWS name limits",
            version: packageJson.version,
            rules: nameLimits.map(describeNameLimit),
          },
        },
        results: nameLimitResults(report.stacks, nameLimits),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** `aws:rds/instance:Instance#username`: a limit's rule id. */
function nameLimitId(type: string, property: string): string {
  return `${type}#${property}`;
}

function describeNameLimit(limit: AwsNameLimit): ReportingDescriptor {
  const text = `${limit.awsParameter}: ${limit.rule}.`;
  return {
    id: nameLimitId(limit.type, limit.property),
    shortDescription: { text },
    helpUri: limit.url,
    help: { text: `${text} See ${limit.url}` },
    defaultConfiguration: { level: "error" },
  };
}

function nameLimitResults(stacks: readonly PlannedStack[], nameLimits: readonly AwsNameLimit[]): Result[] {
  const ruleIndex = new Map(
    nameLimits.map((limit, index) => [nameLimitId(limit.type, limit.property), index]),
  );
  return stacks.flatMap((stack) =>
    stack.nameFindings.map((finding): Result => {
      const ruleId = nameLimitId(finding.type, finding.property.replaceAll(/\[\d+\]/g, "[]"));
      return {
        ruleId,
        ...(ruleIndex.has(ruleId) ? { ruleIndex: ruleIndex.get(ruleId) } : {}),
        level: "error",
        message: { text: `${stack.name}: ${describeNameFinding(finding)} (${finding.urn})` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: stack.source, uriBaseId: "%SRCROOT%" },
              region: { startLine: 1 },
            },
            logicalLocations: [{ fullyQualifiedName: finding.urn, kind: "resource" }],
          },
        ],
        partialFingerprints: {
          "siloNameLimit/v1": createHash("sha256")
            .update(`${stack.name}\n${ruleId}\n${finding.kind}\n${finding.urn}\n${finding.property}`)
            .digest("hex"),
        },
        properties: { stack: stack.name },
      };
    }),
  );
}

function describeRule(rule: SiloPolicy): ReportingDescriptor {
  return {
    id: rule.name,
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} Controls: ${rule.tags.join(", ")}.` },
    helpUri: rule.url,
    help: { text: `${rule.description} See ${rule.url}` },
    defaultConfiguration: { level: rule.enforcementLevel === "mandatory" ? "error" : "warning" },
    properties: {
      tags: ["security", ...rule.tags],
      "security-severity": securitySeverity[rule.severity],
    },
  };
}
