import * as aws from "@pulumi/aws";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { policyStatements } from "./policyStatements.ts";

/** Services whose grants must name the tenant's own resources: a `*` would reach every tenant's. */
export const tenantScopedServices = ["bedrock", "secretsmanager", "kms", "rds", "rds-db"] as const;

function checkDocument(document: unknown, reportViolation: ReportViolation): void {
  for (const statement of policyStatements(document)) {
    if (statement.effect !== "Allow" || !statement.resources.includes("*")) continue;
    for (const action of statement.actions) {
      const service = action.split(":")[0] ?? "";
      if ((tenantScopedServices as readonly string[]).includes(service)) {
        reportViolation(`allows ${action} on resource "*"; name the tenant's own resource ARNs.`);
      }
    }
  }
}

/**
 * Isolation between silos rests on IAM naming each tenant's key, secrets, database and inference profiles.
 *
 * Severity: critical. Controls: FSBP IAM.1; NIST 800-53 AC-3, AC-4, AC-6.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const policyNoWildcardResource: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-iam-policy-no-wildcard-resource",
  description: `IAM policies must not allow ${tenantScopedServices.join(", ")} actions on resource \`*\`.`,
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:IAM.1", "nist:AC-3", "nist:AC-4", "nist:AC-6"],
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  validateResource: [
    validateResourceOfType(aws.iam.RolePolicy, (policy, _args, reportViolation) =>
      checkDocument(policy.policy, reportViolation),
    ),
    validateResourceOfType(aws.iam.Policy, (policy, _args, reportViolation) =>
      checkDocument(policy.policy, reportViolation),
    ),
  ],
};
