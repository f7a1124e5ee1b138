import type { PlanReport } from "../planStacks.ts";
import { describeQuotaBreach } from "../quotas/fleetQuotaReport.ts";
import { quotaBreaches } from "./quotaReportLines.ts";

/**
 * The plan as JSON: `{ "stacks": [ { "name", "profile", "resources": [ { "type", "name", "urn", "parent",
 * "dependencies", "inputs" } ], "violations": [ { "policy", "enforcementLevel", "severity", "urn",
 * "message" } ], "nameFindings": [ { "urn", "resource", "type", "property", "value", "kind", "awsParameter",
 * "rule", "problem", "fix", "url" } ], "tenants" } ], "quotas": { "tenants", "binding": [ { "id", "name", "breaksAtTenant" } ],
 * "usages": [ QuotaUsage ], "breaches": [ { "id", "message" } ] } }`; `tenants` of a stack is how many
 * tenants it stands for, `binding` the quotas in the order the fleet breaks them. Resources include components and providers, as the engine registers them; secret
 * inputs are shown, since the plan runs on made-up config.
 */
export function formatPlanJson(report: PlanReport): string {
  const stacks = report.stacks.map((stack) => ({
    name: stack.name,
    profile: stack.profile,
    tenants: stack.tenants,
    resources: stack.resources.map((resource) => ({
      type: resource.type,
      name: resource.name,
      urn: resource.urn,
      parent: resource.parent ?? null,
      dependencies: resource.dependencies,
      inputs: resource.inputs,
    })),
    violations: stack.violations.map((violation) => ({
      policy: violation.policy,
      enforcementLevel: violation.enforcementLevel,
      severity: violation.severity,
      urn: violation.urn ?? null,
      message: violation.message,
    })),
    nameFindings: stack.nameFindings.map(({ stack: _stack, ...finding }) => finding),
  }));
  const quotas = {
    tenants: report.quotas.tenants,
    binding: report.quotas.binding.map((usage) => ({
      id: usage.id,
      name: usage.name,
      breaksAtTenant: usage.breaksAtTenant,
    })),
    usages: report.quotas.usages,
    breaches: quotaBreaches(report.quotas).map((usage) => ({
      id: usage.id,
      message: describeQuotaBreach(usage, report.quotas.tenants),
    })),
  };
  return `${JSON.stringify({ stacks, quotas }, null, 2)}\n`;
}
