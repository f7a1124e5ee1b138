import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { sharedTenantTagValue } from "../../../components/common/siloTags.ts";
import { foreignTenantNames } from "../iam/tenantReferences.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { siloTenantTag } from "../siloTenantTag.ts";

/**
 * A tenant's key protects one tenant's data, so its key policy must exist (the AWS default, none set, gives
 * the account `kms:*`) and name no other tenant's roles or resources. Who may use the key at all is
 * `silo-kms-key-usage-own-roles`' concern.
 *
 * Severity: critical. Controls: FSBP KMS.1, KMS.2; NIST 800-53 AC-3, AC-6, SC-12.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const keySingleTenant: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-kms-key-single-tenant",
  description:
    "A tenant's KMS key must have a key policy, and it must name only that tenant's principals and resources.",
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
        "policy is not set, so the default key policy lets every principal of the account that IAM allows use the key; set the tenant key policy (components/keys/tenantKeyPolicy.ts).",
      );
      return;
    }
    for (const { text, tenants } of foreignTenantNames(key.policy, tenant)) {
      reportViolation(
        `policy names ${JSON.stringify(text)} of tenant ${tenants.join(", ")}; a key of tenant ${tenant} names only its own principals and resources.`,
      );
    }
  }),
};
