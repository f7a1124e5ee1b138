import type { PlanReport } from "../planStacks.ts";

/**
 * The plan as JSON: `{ "stacks": [ { "name", "profile", "resources": [ { "type", "name", "urn", "parent",
 * "dependencies", "inputs" } ], "violations": [ { "policy", "enforcementLevel", "severity", "urn",
 * "message" } ] } ] }`. Resources include components and providers, as the engine registers them; secret
 * inputs are shown, since the plan runs on made-up config.
 */
export function formatPlanJson(report: PlanReport): string {
  const stacks = report.stacks.map((stack) => ({
    name: stack.name,
    profile: stack.profile,
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
  }));
  return `${JSON.stringify({ stacks }, null, 2)}\n`;
}
