import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import {
  type ForeignTenantGrant,
  foreignTenantGrants,
  tenantResourceServices,
} from "../../analysis/foreignTenantGrants.ts";
import { statementActsInService } from "../../analysis/matchAction.ts";
import { type CarriedPolicyDocument, policyDocuments } from "../../analysis/policyDocuments.ts";
import { statementAllows } from "../../analysis/statementAllows.ts";
import { addGrant } from "../addGrant.ts";
import { restApiPolicyType, restApiType } from "../apigateway/restApiPolicyNotPublic.ts";
import { bucketPolicyType } from "../s3/bucketPolicyNotPublic.ts";
import { bucketTypes } from "../s3/bucketTypes.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { resourceTenant } from "../stackOwner.ts";
import { withStatement } from "../withStatement.ts";
import { tenantScopedServices } from "./policyNoWildcardResource.ts";

/**
 * Policies whose every-principal (`*`) statements silo-s3-bucket-policy-not-public and
 * silo-apigateway-restapi-policy-not-public judge (with the conditions that may narrow them).
 */
const publicPolicyRuleTypes = [bucketPolicyType, ...bucketTypes, restApiType, restApiPolicyType];

/**
 * Whether the grant is iam:PassRole on every role and nothing more of the per-tenant services: that is
 * silo-iam-policy-no-passrole-wildcard's finding. A statement that also grants other IAM actions
 * (IAMFullAccess's `iam:*`) or another service's stays this rule's too.
 */
function onlyPassesEveryRole(grant: ForeignTenantGrant): boolean {
  const { statement } = grant;
  const relevant = statement.actions.filter(
    (action) =>
      action.includes("*") ||
      tenantResourceServices.some((service) => action.toLowerCase().startsWith(`${service}:`)),
  );
  return (
    grant.element === "resource" &&
    statement.notActions.length === 0 &&
    relevant.length > 0 &&
    relevant.every((action) => action.toLowerCase() === "iam:passrole") &&
    statementAllows(statement, "iam:PassRole", "arn:aws:iam::111111111111:role/any-role-of-the-account")
  );
}

/** Whether the grant's statement acts in a service silo-iam-policy-no-wildcard-resource guards. */
function inTenantScopedService(grant: ForeignTenantGrant): boolean {
  return tenantScopedServices.some((service) => statementActsInService(grant.statement, service));
}

/** Where the grant is written, for the message: the input, and the AWS managed policy it names. */
function where(document: CarriedPolicyDocument): string {
  const managed = document.managedPolicy === undefined ? "" : ` (${document.managedPolicy.name})`;
  return `${document.property}${managed}`;
}

/** One grant as a sentence naming the document, the string, who it reaches, and the fix. */
export function foreignGrantMessage(
  document: CarriedPolicyDocument,
  grant: ForeignTenantGrant,
  tenant: string,
): string {
  const stack = `in a stack of ${tenant}`;
  if (grant.element === "principal") {
    const fix = `let in only ${tenant}'s own roles and the AWS services acting for them.`;
    if (grant.text === "*") return `${where(document)} lets any principal ("*") in, ${stack}; ${fix}`;
    return grant.reach.reason === "names"
      ? `${where(document)} lets principal ${JSON.stringify(grant.text)} of tenant ${grant.reach.tenants.join(", ")} in, ${stack}; ${fix}`
      : `${where(document)} lets principal ${JSON.stringify(grant.text)} in, which also matches another tenant's ${JSON.stringify(grant.reach.example)}, ${stack}; ${fix}`;
  }
  const fix = `grant only ${tenant}'s own resources.`;
  if (grant.element === "condition") {
    return grant.reach.reason === "names"
      ? `${where(document)} selects resources of tenant ${grant.reach.tenants.join(", ")} by their tag (${grant.text}) ${stack}; ${fix}`
      : `${where(document)} selects resources by a tag pattern (${grant.text}) that also matches tenant ${JSON.stringify(grant.reach.example)}, ${stack}; ${fix}`;
  }
  if (grant.element === "notResource") {
    return `${where(document)} allows every resource but ${JSON.stringify(grant.text)} (NotResource), other tenants' included, ${stack}; ${fix}`;
  }
  return grant.reach.reason === "names"
    ? `${where(document)} names ${JSON.stringify(grant.text)} of tenant ${grant.reach.tenants.join(", ")} ${stack}; ${fix}`
    : `${where(document)} allows ${JSON.stringify(grant.text)}, which also matches another tenant's ${JSON.stringify(grant.reach.example)}, ${stack}; ${fix}`;
}

/**
 * A tenant's stack grants nothing over another tenant's silo, and lets no other tenant in: no document it
 * carries (role, user and group policies, a role's inline and trust policies, AWS managed policies attached
 * by ARN as what they grant, secret, bucket and API policies, Lambda permissions; key policies and grants
 * are silo-kms-key-single-tenant's, a bare `*` in its services silo-iam-policy-no-wildcard-resource's;
 * policies/analysis/) reaches another tenant's secrets, keys, databases, model profiles, functions, log
 * groups or roles, by name or ARN, by a wildcard broad enough (`*`, `/silo/*`, `silo-acme-*`), or by
 * `NotResource`; nor names another tenant's role, or anyone, as a principal. The tenant is the stack's
 * (`tenant-<id>`, policies/rules/stackOwner.ts), whatever the resources' tags say; in the shared stack every
 * tenant is another.
 *
 * Severity: critical. Controls: NIST 800-53 AC-3, AC-4, AC-6 (no FSBP control).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const policyNoForeignTenant: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-iam-policy-no-foreign-tenant",
  description:
    "No IAM, trust or resource policy or permission in a stack may reach another tenant's resources (by name, ARN, wildcard or NotResource) or let another tenant's role, or anyone, in.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["nist:AC-3", "nist:AC-4", "nist:AC-6"],
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  mutations: [
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      change: "another tenant's secret granted",
      mutate: (inputs, context) =>
        addGrant(inputs, {
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: `arn:aws:secretsmanager:${context.region}:${context.accountId}:secret:/silo/${context.otherTenantId}/ledger-role-AbCdEf`,
        }),
    },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      change: "every tenant's secrets by /silo/*",
      mutate: (inputs, context) =>
        addGrant(inputs, {
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: `arn:aws:secretsmanager:${context.region}:${context.accountId}:secret:/silo/*`,
        }),
    },
    {
      type: "aws:iam/role:Role",
      change: "another tenant's role allowed to assume it",
      mutate: (inputs, context) => {
        const assumeRolePolicy = withStatement(inputs.assumeRolePolicy, {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${context.accountId}:role/silo-${context.otherTenantId}-chat` },
          Action: "sts:AssumeRole",
        });
        return assumeRolePolicy === undefined ? undefined : { ...inputs, assumeRolePolicy };
      },
    },
  ],
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const documents = policyDocuments({ type: args.type, props: args.props });
    if (documents.length === 0) {
      args.notApplicable("the resource carries no policy document");
      return;
    }
    const tenant = resourceTenant(args);
    if (tenant === undefined) {
      args.notApplicable(
        "the stack is neither shared nor tenant-<id>, and the resource has no silo:tenant tag",
      );
      return;
    }
    // Key policies and grants are silo-kms-key-single-tenant's; a bare "*" in a tenant-scoped service is
    // silo-iam-policy-no-wildcard-resource's, "*" as the principal of a bucket or REST API policy the
    // not-public rules', iam:PassRole on every role silo-iam-policy-no-passrole-wildcard's: each finding is
    // reported by one rule.
    for (const document of documents) {
      if (document.kind === "key" || document.kind === "grant") continue;
      for (const grant of foreignTenantGrants(document, tenant)) {
        if (grant.element === "resource" && grant.text === "*" && inTenantScopedService(grant)) continue;
        if (
          grant.element === "principal" &&
          grant.text === "*" &&
          publicPolicyRuleTypes.includes(args.type)
        ) {
          continue;
        }
        if (onlyPassesEveryRole(grant)) continue;
        reportViolation(foreignGrantMessage(document, grant, tenant));
      }
    }
  },
};
