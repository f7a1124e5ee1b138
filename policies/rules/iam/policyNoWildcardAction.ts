import * as aws from "@pulumi/aws";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { policyStatements } from "./policyStatements.ts";

function checkDocument(document: unknown, reportViolation: ReportViolation): void {
  for (const statement of policyStatements(document)) {
    if (statement.effect !== "Allow") continue;
    for (const action of statement.actions) {
      if (action === "*" || action.endsWith(":*")) {
        reportViolation(`allows action ${JSON.stringify(action)}; list the actions the role needs.`);
      }
    }
  }
}

/**
 * Every role is least-privilege: it lists its actions, so no new API of a service is granted by default.
 *
 * Severity: high. Controls: FSBP IAM.1, IAM.21; NIST 800-53 AC-3, AC-6, AC-6(2).
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21
 */
export const policyNoWildcardAction: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-iam-policy-no-wildcard-action",
  description: "IAM policies must not allow the action `*` or a `service:*` wildcard.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:IAM.1", "fsbp:IAM.21", "nist:AC-3", "nist:AC-6", "nist:AC-6(2)"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21",
  validateResource: [
    validateResourceOfType(aws.iam.RolePolicy, (policy, _args, reportViolation) =>
      checkDocument(policy.policy, reportViolation),
    ),
    validateResourceOfType(aws.iam.Policy, (policy, _args, reportViolation) =>
      checkDocument(policy.policy, reportViolation),
    ),
  ],
};
