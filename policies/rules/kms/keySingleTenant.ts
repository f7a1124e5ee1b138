import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { sharedTenantTagValue } from "../../../components/common/siloTags.ts";
import { type ForeignTenantGrant, foreignTenantGrants } from "../../analysis/foreignTenantGrants.ts";
import { foreignTenantReach } from "../../analysis/foreignTenantResources.ts";
import type { CarriedPolicyDocument } from "../../analysis/policyDocuments.ts";
import { policyDocuments } from "../../analysis/policyDocuments.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { resourceTenant } from "../stackOwner.ts";
import { withStatement } from "../withStatement.ts";

/** What one place of the key policy reaching another tenant is, as the message says it. */
function reached(grant: ForeignTenantGrant): string {
  if (grant.reach.reason === "names") {
    return `names ${JSON.stringify(grant.text)} of tenant ${grant.reach.tenants.join(", ")}`;
  }
  if (grant.element === "principal" && grant.text === "*") return 'lets any principal ("*") in';
  if (grant.element === "notResource")
    return `allows every resource but ${JSON.stringify(grant.text)} (NotResource)`;
  return `names ${JSON.stringify(grant.text)}, which also matches another tenant's ${JSON.stringify(grant.reach.example)}`;
}

/** Other tenants' names in the conditions (`aws:PrincipalArn`, `kms:EncryptionContext:*`) of Allow statements. */
function conditionNames(document: CarriedPolicyDocument, tenant: string): string[] {
  return (document.statements ?? [])
    .filter((statement) => statement.effect === "Allow")
    .flatMap((statement) => statement.conditions.flatMap((condition) => condition.values))
    .flatMap((value) => {
      const reach = foreignTenantReach(value, tenant);
      return reach?.reason === "names"
        ? [`names ${JSON.stringify(value)} of tenant ${reach.tenants.join(", ")}`]
        : [];
    });
}

/**
 * A tenant's key protects one tenant's data, so its key policy must exist (the AWS default, none set, gives
 * the account `kms:*`) and name no other tenant's roles or resources, nor let anyone in: in the key's own
 * `policy`, a separate `aws.kms.KeyPolicy`, or a grant on it (policies/analysis/, which also reads principals
 * given by ARN and wildcards broad enough to cover another tenant's roles). The tenant is the stack's
 * (`tenant-<id>`, policies/rules/stackOwner.ts). Who may use the key at all is
 * `silo-kms-key-usage-own-roles`' concern.
 *
 * Severity: critical. Controls: FSBP KMS.1, KMS.2; NIST 800-53 AC-3, AC-6, SC-12.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const keySingleTenant: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-kms-key-single-tenant",
  description:
    "A tenant's KMS key must have a key policy, and its policy and grants must name only that tenant's principals and resources.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:KMS.1", "fsbp:KMS.2", "nist:AC-3", "nist:AC-6", "nist:SC-12"],
  url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
  mutations: [
    {
      type: "aws:kms/key:Key",
      change: "policy removed (the account default)",
      mutate: (inputs, context) =>
        context.tenantId === "shared" ? undefined : { ...inputs, policy: undefined },
    },
    {
      type: "aws:kms/key:Key",
      change: "another tenant's role named in the key policy",
      mutate: (inputs, context) => {
        if (context.tenantId === "shared") return undefined;
        const policy = withStatement(inputs.policy, {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${context.accountId}:role/silo-${context.otherTenantId}-chat` },
          Action: "kms:DescribeKey",
          Resource: "*",
        });
        return policy === undefined ? undefined : { ...inputs, policy };
      },
    },
  ],
  validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const isKey = args.type === "aws:kms/key:Key";
    const documents = policyDocuments({ type: args.type, props: args.props }).filter(
      (document) => document.kind === "key" || document.kind === "grant",
    );
    if (!isKey && documents.length === 0) return args.notApplicable("neither a key, its policy nor a grant");
    const tenant = resourceTenant(args);
    if (tenant === undefined || tenant === sharedTenantTagValue) {
      return args.notApplicable("not in a tenant's stack");
    }
    if (isKey && (typeof args.props.policy !== "string" || args.props.policy === "")) {
      reportViolation(
        "policy is not set, so the default key policy lets every principal of the account that IAM allows use the key; set the tenant key policy (components/keys/tenantKeyPolicy.ts).",
      );
      return;
    }
    const fix = `a key of tenant ${tenant} names only its own principals and resources.`;
    for (const document of documents) {
      const findings = [
        ...foreignTenantGrants(document, tenant).map(reached),
        ...conditionNames(document, tenant),
      ];
      for (const finding of new Set(findings)) reportViolation(`${document.property} ${finding}; ${fix}`);
    }
  },
};
