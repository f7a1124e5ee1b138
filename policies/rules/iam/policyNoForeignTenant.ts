import * as aws from "@pulumi/aws";
import { type ReportViolation, type ResourceValidationArgs, validateResourceOfType } from "@pulumi/policy";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { siloTenantTag } from "../siloTenantTag.ts";
import { foreignTenantNames } from "./tenantReferences.ts";

function checkDocument(
  document: unknown,
  args: ResourceValidationArgs,
  reportViolation: ReportViolation,
): void {
  const tenant = siloTenantTag(args);
  if (tenant === undefined) {
    args.notApplicable("no silo:tenant tag (silo-tagging-resources-tenant-tag reports it)");
  }
  for (const { text, tenants } of foreignTenantNames(document, tenant)) {
    reportViolation(
      `policy names ${JSON.stringify(text)} of tenant ${tenants.join(", ")} in a stack of ${tenant}; grant only ${tenant}'s own resources.`,
    );
  }
}

/**
 * A tenant's stack grants nothing over another tenant's silo: no role policy, managed policy or secret policy
 * in it names another tenant's secrets (`/silo/<other>/`), roles or functions (`silo-<other>-<function>`),
 * key alias or database, as components/common/resourceNames.ts names them. Only the tenant's own stack
 * may open its resources (the shared ledger admin included).
 *
 * Severity: critical. Controls: NIST 800-53 AC-3, AC-4, AC-6 (no FSBP control).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const policyNoForeignTenant: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-iam-policy-no-foreign-tenant",
  description: "IAM and secret policies must not name another tenant's resources or roles.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["nist:AC-3", "nist:AC-4", "nist:AC-6"],
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  validateResource: [
    validateResourceOfType(aws.iam.RolePolicy, (policy, args, reportViolation) =>
      checkDocument(policy.policy, args, reportViolation),
    ),
    validateResourceOfType(aws.iam.Policy, (policy, args, reportViolation) =>
      checkDocument(policy.policy, args, reportViolation),
    ),
    validateResourceOfType(aws.secretsmanager.SecretPolicy, (policy, args, reportViolation) =>
      checkDocument(policy.policy, args, reportViolation),
    ),
  ],
};
