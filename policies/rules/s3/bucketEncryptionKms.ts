import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { kmsKeyChoice } from "../kms/customerManagedKey.ts";
import { pointsAt } from "../pointsAt.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { siloTenantTag } from "../siloTenantTag.ts";
import { bucketLabel, isBucket } from "./bucketTypes.ts";

/** The default encryption a bucket's configuration gives new objects, and the resource that sets it. */
interface DefaultEncryption {
  readonly sseAlgorithm?: unknown;
  readonly kmsMasterKeyId?: unknown;
  /** The bucket (inline configuration) or the separate configuration resource: where a violation is. */
  readonly setBy: PolicyResource;
}

function defaultsOf(rules: unknown, setBy: PolicyResource): DefaultEncryption[] {
  return [rules ?? []].flat().map((rule) => ({
    ...((rule as { applyServerSideEncryptionByDefault?: object } | undefined)
      ?.applyServerSideEncryptionByDefault ?? {}),
    setBy,
  }));
}

/**
 * The default encryptions set for a bucket: inline on the bucket, or by the separate
 * `aws.s3.BucketServerSideEncryptionConfiguration` resources that point at it (as
 * components/exports/tenantExportBucket.ts writes it).
 */
function encryptionsOf(bucket: PolicyResource, resources: readonly PolicyResource[]): DefaultEncryption[] {
  const inline = (bucket.props.serverSideEncryptionConfiguration as { rule?: unknown } | undefined)?.rule;
  const configurations = resources.filter(
    (resource) =>
      (resource.isType(aws.s3.BucketServerSideEncryptionConfiguration) ||
        resource.type ===
          "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2") &&
      pointsAt(resource, "bucket", bucket, "bucket"),
  );
  return [
    ...(inline === undefined ? [] : defaultsOf(inline, bucket)),
    ...configurations.flatMap((resource) => defaultsOf(resource.props.rules, resource)),
  ];
}

/** What is wrong with one default encryption, ending in the fix; undefined when it uses a tenant's CMK. */
function weakness(encryption: DefaultEncryption): string | undefined {
  const fix = `set sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant's key.`;
  const choice = kmsKeyChoice(encryption.kmsMasterKeyId);
  if (!kmsAlgorithms.includes(String(encryption.sseAlgorithm)) || choice === "unset") {
    return `encrypts by default with sseAlgorithm ${JSON.stringify(encryption.sseAlgorithm)}${choice === "unset" ? " and no kmsMasterKeyId" : ""}; ${fix}`;
  }
  return choice === "aws-managed"
    ? `encrypts by default with the AWS managed key ${JSON.stringify(encryption.kmsMasterKeyId)}, usable by every principal of the account that may use S3; ${fix}`
    : undefined;
}

const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];
const configurationType =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";

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
      type: configurationType,
      change: "default encryption set to SSE-S3 (AES256)",
      mutate: (inputs) => ({
        ...inputs,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      }),
    },
    {
      type: configurationType,
      change: "default encryption with the AWS managed aws/s3 key",
      mutate: (inputs) => ({
        ...inputs,
        rules: [
          { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" } },
        ],
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
        const weak = weakness(encryption);
        if (weak === undefined) continue;
        const through = encryption.setBy === bucket ? "" : ` (through ${encryption.setBy.name})`;
        reportViolation(`${bucketLabel(bucket)}${through} ${weak}`, encryption.setBy.urn);
      }
    }
  },
};
