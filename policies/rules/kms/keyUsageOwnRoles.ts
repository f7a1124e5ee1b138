import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import {
  sharedResourceNamesOf,
  tenantFunctions,
  tenantResourceNames,
} from "../../../components/common/resourceNames.ts";
import { sharedTenantTagValue } from "../../../components/common/siloTags.ts";
import { foreignTenantReach } from "../../analysis/foreignTenantResources.ts";
import type { NormalisedStatement } from "../../analysis/normaliseStatements.ts";
import { policyDocuments } from "../../analysis/policyDocuments.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { resourceTenant, stackEnvironmentQualifier } from "../stackOwner.ts";
import { withStatement } from "../withStatement.ts";
import { onlyCreatesGrants, statementKeyUse } from "./keyUseActions.ts";

/** The account itself as a principal (`arn:...:root` or its id): whoever the account's IAM policies allow. */
const accountPrincipal = /^(\d{12}|arn:[a-z-]+:iam::\d{12}:root)$/;

/** The roles of a silo (in its stack's environment): a tenant's function roles, or the shared stack's. */
function ownRoleNames(owner: string, environmentQualifier: string | undefined): string[] {
  if (owner === sharedTenantTagValue) {
    const shared = sharedResourceNamesOf(environmentQualifier);
    return [shared.ledgerAdminRole, shared.authorizerRole];
  }
  return tenantFunctions.map(tenantResourceNames(owner, environmentQualifier).roleName);
}

/**
 * The principals a statement lets in: its AWS principals, where the account stands for the exact ARNs an
 * `aws:PrincipalArn` equality condition narrows it to (a role created after the key cannot be named).
 */
function namedPrincipals(statement: NormalisedStatement): string[] {
  const byArn = statement.conditions
    .filter(
      (condition) =>
        condition.key.toLowerCase() === "aws:principalarn" &&
        (condition.operator === "StringEquals" || condition.operator === "ArnEquals") &&
        condition.values.every((value) => !/[*?]/.test(value)),
    )
    .flatMap((condition) => condition.values);
  const principals = [...(statement.principals.anyone ? ["*"] : []), ...statement.principals.aws];
  return principals.flatMap((principal) =>
    accountPrincipal.test(principal) && byArn.length > 0 ? byArn : [principal],
  );
}

function hasCondition(
  statement: NormalisedStatement,
  test: (key: string, values: readonly string[]) => boolean,
) {
  return statement.conditions.some((condition) => test(condition.key.toLowerCase(), condition.values));
}

/** Use through one service, for named resources: a service and an encryption context, or grants for AWS resources. */
function boundToServiceAndResources(statement: NormalisedStatement, useActions: readonly string[]): boolean {
  const viaService = hasCondition(statement, (key) => key === "kms:viaservice");
  const forResources =
    hasCondition(statement, (key) => key.startsWith("kms:encryptioncontext:")) ||
    (onlyCreatesGrants(useActions) &&
      hasCondition(
        statement,
        (key, values) => key === "kms:grantisforawsresource" && values.includes("true"),
      ));
  return viaService && forResources;
}

/**
 * A silo's key is used only by the silo's own roles (a tenant's function roles; for the shared platform key,
 * the shared stack's roles). Any other principal, such as the deployer or the shared ledger admin, may use
 * it only through one AWS service (`kms:ViaService`) and for the silo's own resources (a
 * `kms:EncryptionContext:*` condition, or `kms:GrantIsForAWSResource` for grants); a service principal only
 * with an encryption-context condition. The account as a principal (with or without `kms:ViaService`) and
 * `*` fail: key isolation must hold even where IAM is too broad. Use means decrypt, encrypt, re-encrypt,
 * generate data keys, sign and create grants; administering the key is not use.
 *
 * Severity: critical. Controls: FSBP KMS.1, KMS.2; NIST 800-53 AC-3, AC-6, SC-12, SC-28.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 */
export const keyUsageOwnRoles: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-kms-key-usage-own-roles",
  description:
    "A silo's KMS key may be used only by its own roles, by others only through a service for its resources (kms:ViaService and an encryption context), never by the account or `*`.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:KMS.1", "fsbp:KMS.2", "nist:AC-3", "nist:AC-6", "nist:SC-12", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
  mutations: [
    {
      type: "aws:kms/key:Key",
      change: "the account allowed kms:Decrypt",
      mutate: (inputs, context) => {
        const policy = withStatement(inputs.policy, {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${context.accountId}:root` },
          Action: "kms:Decrypt",
          Resource: "*",
        });
        return policy === undefined ? undefined : { ...inputs, policy };
      },
    },
    {
      type: "aws:kms/key:Key",
      change: "any principal allowed everything but deletion (NotAction)",
      mutate: (inputs) => {
        const policy = withStatement(inputs.policy, {
          Effect: "Allow",
          Principal: "*",
          NotAction: "kms:ScheduleKeyDeletion",
          Resource: "*",
        });
        return policy === undefined ? undefined : { ...inputs, policy };
      },
    },
  ],
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    // A key without a policy carries no document: silo-kms-key-single-tenant reports the unset policy.
    const documents = policyDocuments({ type: args.type, props: args.props }).filter(
      (document) => document.kind === "key" || document.kind === "grant",
    );
    if (documents.length === 0 && args.type !== "aws:kms/key:Key") {
      return args.notApplicable("neither a key, its policy nor a grant");
    }
    const owner = resourceTenant(args);
    if (owner === undefined) {
      return args.notApplicable(
        "not in a silo's stack (neither shared nor tenant-<id>), and no silo:tenant tag",
      );
    }
    const label = owner === sharedTenantTagValue ? "the shared stack" : `tenant ${owner}`;
    const ownRoles = ownRoleNames(owner, stackEnvironmentQualifier(args.urn));
    for (const document of documents) {
      const where = document.property;
      for (const statement of document.statements ?? []) {
        const useActions = statementKeyUse(statement);
        if (statement.effect !== "Allow" || useActions.length === 0) continue;
        const uses = `use the key (${useActions.join(", ")})`;
        for (const principal of namedPrincipals(statement)) {
          const roleName = /^arn:[a-z-]+:iam::\d{12}:role\/(.+)$/.exec(principal)?.[1];
          if (roleName !== undefined && ownRoles.includes(roleName)) continue;
          const reach = principal === "*" ? undefined : foreignTenantReach(principal, owner);
          const otherTenants = reach?.reason === "names" ? reach.tenants : [];
          if (principal === "*") {
            reportViolation(
              `${where} lets any principal ("*") ${uses}; grant use to ${label}'s roles by name.`,
            );
          } else if (accountPrincipal.test(principal)) {
            reportViolation(
              `${where} lets the account (${principal}) ${uses}, so any principal its IAM policies allow can, kms:ViaService or not; grant use to ${label}'s roles by name.`,
            );
          } else if (otherTenants.length > 0) {
            reportViolation(
              `${where} lets ${principal}, a role of tenant ${otherTenants.join(", ")}, ${uses}; a key of ${label} is used by its own roles only.`,
            );
          } else if (!boundToServiceAndResources(statement, useActions)) {
            reportViolation(
              `${where} lets ${principal}, not a role of ${label}, ${uses} beyond one service and ${label}'s resources; add kms:ViaService and a kms:EncryptionContext condition (kms:GrantIsForAWSResource for kms:CreateGrant), or remove the grant.`,
            );
          }
        }
        for (const service of statement.principals.service) {
          if (hasCondition(statement, (conditionKey) => conditionKey.startsWith("kms:encryptioncontext:")))
            continue;
          reportViolation(
            `${where} lets the service ${service} ${uses} for any resource; add a kms:EncryptionContext condition naming ${label}'s resources.`,
          );
        }
      }
    }
  },
};
