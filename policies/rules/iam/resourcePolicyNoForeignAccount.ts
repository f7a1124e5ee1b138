import type { PolicyResource } from "@pulumi/policy";
import type { NormalisedStatement } from "../../analysis/normaliseStatements.ts";
import { type CarriedPolicyDocument, policyDocuments } from "../../analysis/policyDocuments.ts";
import { accountsNamedBy, principalAccount } from "../../analysis/principalAccounts.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";

/** Settings of {@link resourcePolicyNoForeignAccount}. */
export interface ResourcePolicyNoForeignAccountConfig {
  readonly trustedAccountIds: readonly string[];
}

/** The documents that say who may act on a resource, as opposed to what an identity may do. */
const resourceSideKinds: ReadonlySet<CarriedPolicyDocument["kind"]> = new Set([
  "resource",
  "trust",
  "key",
  "grant",
]);

/**
 * Types whose policies open to `*` another rule reports (silo-s3-bucket-policy-not-public,
 * silo-apigateway-restapi-policy-not-public, silo-lambda-permission-principal): here only foreign accounts.
 */
const publicReportedElsewhere: ReadonlySet<string> = new Set([
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:apigateway/restApi:RestApi",
  "aws:apigateway/restApiPolicy:RestApiPolicy",
  "aws:lambda/permission:Permission",
]);

/** What a statement lets in from outside `home`: foreign accounts, or anyone without a condition. */
function foreignPrincipals(
  statement: NormalisedStatement,
  home: ReadonlySet<string>,
  reportAnyone: boolean,
): string[] {
  if (statement.effect !== "Allow") return [];
  if (statement.principals.anyone) {
    return reportAnyone && statement.conditions.length === 0
      ? ['"*" (every account) without a condition']
      : [];
  }
  return statement.principals.aws.flatMap((principal) => {
    const account = principalAccount(principal);
    return account === undefined || home.has(account)
      ? []
      : [`${JSON.stringify(principal)} (account ${account})`];
  });
}

function describeHome(home: ReadonlySet<string>): string {
  return home.size === 0 ? "no account of its own" : `account ${[...home].sort().join(", ")}`;
}

/**
 * A silo stays inside its account: a resource policy, key policy, KMS grant, trust policy or Lambda
 * permission that lets another account's principals in (or anyone, without a condition) opens the tenant's
 * data outside every control of the kit. Offline the engine cannot call `sts:GetCallerIdentity`, so the
 * stack's account is the one its own resources name (ARNs and ids outside principals, as
 * components/common/awsContext.ts builds them), plus `trustedAccountIds`.
 *
 * Severity: critical. Controls: FSBP S3.6, KMS.5 (no single control); NIST 800-53 AC-3, AC-4, AC-21.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html
 */
export const resourcePolicyNoForeignAccount: SiloStackPolicy = {
  kind: "stack",
  name: "silo-iam-resource-policy-no-foreign-account",
  description:
    "Resource, key and trust policies, KMS grants and Lambda permissions must not let in principals of another account, or `*` without a condition.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:S3.6", "nist:AC-3", "nist:AC-4", "nist:AC-21"],
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html",
  configSchema: {
    properties: {
      trustedAccountIds: {
        type: "array",
        items: { type: "string", pattern: "^\\d{12}$" },
        default: [],
        description:
          "Accounts besides the stack's own that may be named as principals (e.g. a security audit account).",
      },
    },
  },
  mutations: [
    {
      type: "aws:secretsmanager/secretPolicy:SecretPolicy",
      change: "policy lets a role of another account read the secret",
      mutate: (inputs, context) => ({
        ...inputs,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${foreignAccount(context.accountId)}:root` },
              Action: "secretsmanager:GetSecretValue",
              Resource: "*",
            },
          ],
        }),
      }),
    },
    {
      type: "aws:lambda/permission:Permission",
      change: "principal set to another account",
      mutate: (inputs, context) => ({ ...inputs, principal: foreignAccount(context.accountId) }),
    },
  ],
  validateStack: (args, reportViolation) => {
    const trusted = args.getConfig<Partial<ResourcePolicyNoForeignAccountConfig>>().trustedAccountIds ?? [];
    const home = new Set([...trusted, ...args.resources.flatMap((resource) => accountsNamedBy(resource))]);
    for (const resource of args.resources) checkResource(resource, home, reportViolation);
  },
};

function checkResource(
  resource: PolicyResource,
  home: ReadonlySet<string>,
  reportViolation: (message: string, urn?: string) => void,
): void {
  for (const carried of policyDocuments(resource)) {
    if (!resourceSideKinds.has(carried.kind)) continue;
    for (const [index, statement] of (carried.statements ?? []).entries()) {
      for (const who of foreignPrincipals(statement, home, !publicReportedElsewhere.has(resource.type))) {
        reportViolation(
          `${resource.name}: ${carried.property} statement ${statement.sid ?? index} lets in ${who}, while the stack names ${describeHome(home)}; allow only principals of this account, or list the account in trustedAccountIds.`,
          resource.urn,
        );
      }
    }
  }
}

/** An account that is not `accountId`, for the mutations. */
function foreignAccount(accountId: string): string {
  return accountId === "210987654321" ? "123456789012" : "210987654321";
}
