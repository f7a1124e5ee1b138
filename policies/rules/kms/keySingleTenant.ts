import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { sharedTenantTagValue } from "../../../components/decisions/siloTags.ts";
import { policyStatements } from "../iam/policyStatements.ts";
import { foreignTenantNames } from "../iam/tenantReferences.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { siloTenantTag } from "../siloTenantTag.ts";

/** Key actions that use the key on data (as opposed to administering it). */
const useActionPrefixes = ["kms:decrypt", "kms:encrypt", "kms:reencrypt", "kms:generatedatakey"];

function usesKey(action: string): boolean {
  const lower = action.toLowerCase();
  return lower === "*" || lower === "kms:*" || useActionPrefixes.some((prefix) => lower.startsWith(prefix));
}

/** The account itself as a principal (`arn:...:root` or its id): everyone the account's IAM allows. */
function isAccountPrincipal(principal: string): boolean {
  return /^\d{12}$/.test(principal) || /^arn:[a-z-]+:iam::\d{12}:root$/.test(principal);
}

/**
 * A tenant's key protects one tenant's data, so its key policy decides who can read it: it names no other
 * tenant's roles or resources, no `*` principal, and lets the account use the key only through the AWS
 * services (`kms:ViaService`), so another tenant's role cannot decrypt with it through a broad IAM policy.
 * The AWS default key policy (none set) gives the account `kms:*` and fails the rule.
 *
 * Severity: critical. Controls: FSBP KMS.1, KMS.2; NIST 800-53 AC-3, AC-6, SC-12.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const keySingleTenant: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-kms-key-single-tenant",
  description:
    "A tenant's KMS key policy must name only that tenant's principals and let the account use the key only through AWS services.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:KMS.1", "fsbp:KMS.2", "nist:AC-3", "nist:AC-6", "nist:SC-12"],
  url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
  validateResource: validateResourceOfType(aws.kms.Key, (key, args, reportViolation) => {
    const tenant = siloTenantTag(args);
    if (tenant === undefined || tenant === sharedTenantTagValue) {
      return args.notApplicable("not a tenant's key (silo-tagging-resources-tenant-tag checks the tag)");
    }
    if (typeof key.policy !== "string" || key.policy === "") {
      reportViolation(
        "policy is not set, so the default key policy lets every principal of the account that IAM allows use the key; set the tenant key policy (components/decisions/tenantKeyPolicy.ts).",
      );
      return;
    }
    for (const { text, tenants } of foreignTenantNames(key.policy, tenant)) {
      reportViolation(
        `policy names ${JSON.stringify(text)} of tenant ${tenants.join(", ")}; a key of tenant ${tenant} names only its own principals and resources.`,
      );
    }
    for (const statement of policyStatements(key.policy)) {
      if (statement.effect !== "Allow") continue;
      if (statement.awsPrincipals.includes("*")) {
        reportViolation('policy allows principal "*"; name the tenant\'s roles.');
        continue;
      }
      const useActions = statement.actions.filter(usesKey);
      const throughServices = statement.conditionKeys.some(
        (conditionKey) => conditionKey.toLowerCase() === "kms:viaservice",
      );
      if (statement.awsPrincipals.some(isAccountPrincipal) && useActions.length > 0 && !throughServices) {
        reportViolation(
          `policy lets the account use the key (${useActions.join(", ")}) through IAM alone, so any role the account allows can; add a kms:ViaService condition or name the tenant's roles.`,
        );
      }
    }
  }),
};
