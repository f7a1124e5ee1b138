import * as aws from "@pulumi/aws";
import { pointsAt } from "../pointsAt.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { bucketLabel, isBucket } from "./bucketTypes.ts";

/** The four settings of a public access block, all of which must be true. */
export const publicAccessBlockSettings = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
] as const;

/**
 * A bucket of a silo holds tenant data: its own public access block (all four settings) keeps a later ACL
 * or policy from making it public, whatever the account-level setting is.
 *
 * Severity: high. Controls: FSBP S3.8; NIST 800-53 AC-3, AC-21, SC-7.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8
 */
export const bucketPublicAccessBlock: SiloStackPolicy = {
  kind: "stack",
  name: "silo-s3-bucket-public-access-block",
  description:
    "S3 buckets must have an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:S3.8", "nist:AC-3", "nist:AC-21", "nist:SC-7"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8",
  mutations: publicAccessBlockSettings.map((setting) => ({
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    change: `${setting} set to false`,
    mutate: (inputs: Readonly<Record<string, unknown>>) => ({ ...inputs, [setting]: false }),
  })),
  validateStack: (args, reportViolation) => {
    const blocks = args.resources.filter((resource) => resource.isType(aws.s3.BucketPublicAccessBlock));
    for (const bucket of args.resources.filter(isBucket)) {
      const own = blocks.filter((block) => pointsAt(block, "bucket", bucket, "bucket"));
      if (own.length === 0) {
        reportViolation(
          `${bucketLabel(bucket)} has no aws.s3.BucketPublicAccessBlock; add one with ${publicAccessBlockSettings.join(", ")} all true.`,
          bucket.urn,
        );
      }
      for (const block of own) {
        const off = publicAccessBlockSettings.filter((setting) => block.props[setting] !== true);
        if (off.length > 0) {
          reportViolation(
            `public access block ${block.name} of ${bucketLabel(bucket)} leaves ${off.join(", ")} not true; set all four to true.`,
            block.urn,
          );
        }
      }
    }
  },
};
