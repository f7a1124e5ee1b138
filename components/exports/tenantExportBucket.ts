import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tenantResourceNames } from "../common/resourceNames.ts";
import { exportBucketPolicy, exportObjectPrefix, exportWriterPolicy } from "./exportBucketPolicies.ts";

/** Arguments of {@link TenantExportBucket}. */
export interface TenantExportBucketArgs {
  readonly tenantId: string;
  /** The tenant key: every object is encrypted with it (SSE-KMS, with an S3 bucket key). */
  readonly keyArn: pulumi.Input<string>;
  /** The tenant's data retention: export files are deleted this many days after they are written. */
  readonly retentionDays: number;
  /** The admin function's role, the only one that writes and reads exports. */
  readonly writerRole: aws.iam.Role;
  /**
   * The stack's environment qualifier, carried by every physical name (components/common/resourceNames.ts).
   * @default none: the unqualified names
   */
  readonly environmentQualifier?: string;
}

/**
 * Where a tenant's export files too large for one API response go (runtime/core/jobs/s3ExportObjectStore.ts):
 * a bucket of the tenant's own, encrypted with the tenant key, all public access blocked, objects owned by
 * the bucket owner, TLS only, and a lifecycle rule that deletes export files after the tenant's retention
 * period. Only the admin role may put and get, only under `exports/`. The bucket is emptied on destroy:
 * offboarding downloads the export before it destroys the stack.
 */
export class TenantExportBucket extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;

  constructor(name: string, args: TenantExportBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:exports:TenantExportBucket", name, {}, opts);
    const names = tenantResourceNames(args.tenantId, args.environmentQualifier);
    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucketPrefix: names.exportBucketPrefix, forceDestroy: true },
      { parent: this },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn },
            bucketKeyEnabled: true,
          },
        ],
      },
      { parent: this },
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { parent: this },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-exports",
            status: "Enabled",
            filter: { prefix: exportObjectPrefix },
            expiration: { days: args.retentionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      { parent: this },
    );
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(exportBucketPolicy(arn))) },
      // A bucket policy is refused while the public access block is being changed.
      { parent: this, dependsOn: [publicAccess] },
    );
    new aws.iam.RolePolicy(
      `${name}-writer`,
      {
        name: `${names.prefix}-exports`,
        role: args.writerRole.name,
        policy: pulumi
          .all([bucket.arn, args.keyArn])
          .apply(([arn, keyArn]) => JSON.stringify(exportWriterPolicy(arn, keyArn))),
      },
      { parent: this },
    );
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
