import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { pointsAt } from "../pointsAt.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { siloTenantTag } from "../siloTenantTag.ts";
import { bucketLabel, isBucket } from "./bucketTypes.ts";

/** The default encryption a bucket's configuration gives new objects. */
interface DefaultEncryption {
  readonly sseAlgorithm?: unknown;
  readonly kmsMasterKeyId?: unknown;
}

function defaultsOf(rules: unknown): DefaultEncryption[] {
  return [rules ?? []]
    .flat()
    .map(
      (rule) =>
        ((rule as { applyServerSideEncryptionByDefault?: DefaultEncryption } | undefined)
          ?.applyServerSideEncryptionByDefault ?? {}) as DefaultEncryption,
    );
}

/** The default encryptions set for a bucket: inline on the bucket, or by configuration resources. */
function encryptionsOf(bucket: PolicyResource, resources: readonly PolicyResource[]): DefaultEncryption[] {
  const inline = (bucket.props.serverSideEncryptionConfiguration as { rule?: unknown } | undefined)?.rule;
  const configurations = resources.filter(
    (resource) =>
      (resource.isType(aws.s3.BucketServerSideEncryptionConfiguration) ||
        resource.type ===
          "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2") &&
      pointsAt(resource, "bucket", bucket, "bucket"),
  );
  return [...defaultsOf(inline), ...configurations.flatMap((resource) => defaultsOf(resource.props.rules))];
}

const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

/**
 * A tenant's objects are encrypted with the tenant's own key, so revoking the key revokes the data: S3's
 * default SSE-S3 (AES256) and the AWS-managed `aws/s3` key cannot be scoped to one tenant. Shared-edge
 * buckets (`silo:tenant` shared) hold no tenant data and are exempt.
 *
 * Severity: high. Controls: FSBP S3.17; NIST 800-53 SC-12, SC-13, SC-28.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17
 */
export const bucketEncryptionKms: SiloStackPolicy = {
  kind: "stack",
  name: "silo-s3-bucket-encryption-kms",
  description:
    "S3 buckets of a tenant must encrypt by default with SSE-KMS and a customer-managed key (kmsMasterKeyId).",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["fsbp:S3.17", "nist:SC-12", "nist:SC-13", "nist:SC-28"],
  url: "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17",
  mutations: [
    {
      type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      change: "default encryption set to SSE-S3 (AES256)",
      mutate: (inputs) => ({
        ...inputs,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      }),
    },
  ],
  validateStack: (args, reportViolation) => {
    for (const bucket of args.resources.filter(isBucket)) {
      if (siloTenantTag(bucket) === "shared") continue;
      const encryptions = encryptionsOf(bucket, args.resources);
      if (encryptions.length === 0) {
        reportViolation(
          `${bucketLabel(bucket)} has no default encryption, so S3 uses SSE-S3; add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant's key.`,
          bucket.urn,
        );
      }
      for (const encryption of encryptions) {
        const keyed = typeof encryption.kmsMasterKeyId === "string" && encryption.kmsMasterKeyId !== "";
        if (kmsAlgorithms.includes(String(encryption.sseAlgorithm)) && keyed) continue;
        reportViolation(
          `${bucketLabel(bucket)} encrypts by default with sseAlgorithm ${JSON.stringify(encryption.sseAlgorithm)}${keyed ? "" : " and no kmsMasterKeyId"}; set sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant's key.`,
          bucket.urn,
        );
      }
    }
  },
};
