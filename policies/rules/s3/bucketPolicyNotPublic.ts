import { policyDocuments } from "../../analysis/policyDocuments.ts";
import { publicStatements } from "../../analysis/publicStatements.ts";
import type { SiloResourcePolicy } from "../siloPolicy.ts";
import { bucketTypes } from "./bucketTypes.ts";

export const bucketPolicyType = "aws:s3/bucketPolicy:BucketPolicy";

/**
 * A bucket policy that allows every principal without a condition publishes the tenant's objects (or lets
 * anyone write them). Other accounts named in a policy are `silo-iam-resource-policy-no-foreign-account`'s
 * concern.
 *
 * Severity: critical. Controls: FSBP S3.2, S3.3; NIST 800-53 AC-3, AC-21, SC-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2
 */
export const bucketPolicyNotPublic: SiloResourcePolicy = {
  kind: "resource",
  name: "silo-s3-bucket-policy-not-public",
  description: "S3 bucket policies must not allow every principal (`*`) without a condition that narrows it.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:S3.2", "fsbp:S3.3", "nist:AC-3", "nist:AC-21", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2",
  mutations: [bucketPolicyType, ...bucketTypes].map((type) => ({
    type,
    change: "policy allows s3:GetObject to every principal",
    mutate: (inputs: Readonly<Record<string, unknown>>) => ({
      ...inputs,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
      }),
    }),
  })),
  validateResource: (args, reportViolation) => {
    const isInline = bucketTypes.includes(args.type);
    if (args.type !== bucketPolicyType && !isInline) args.notApplicable();
    // A bucket's inline `policy` is the document a BucketPolicy would carry.
    const documents =
      isInline && args.props.policy === undefined
        ? []
        : policyDocuments({ type: bucketPolicyType, props: { policy: args.props.policy } });
    for (const carried of documents) {
      for (const line of publicStatements(carried.statements ?? [])) {
        reportViolation(
          `${carried.property} ${line}; name the principals, or narrow it with a condition (aws:SourceVpce, aws:PrincipalOrgID).`,
        );
      }
    }
  },
};
