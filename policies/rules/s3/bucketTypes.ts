import type { PolicyResource } from "@pulumi/policy";

/** The bucket types of `@pulumi/aws` 7.x: `Bucket`, and `BucketV2`, its deprecated alias still in use. */
export const bucketTypes = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** Whether a stack resource is an S3 bucket. */
export function isBucket(resource: PolicyResource): boolean {
  return bucketTypes.includes(resource.type);
}

/** A bucket's name for messages: its logical name, and its bucket name when known. */
export function bucketLabel(bucket: PolicyResource): string {
  const bucketName = bucket.props.bucket;
  return typeof bucketName === "string" ? `bucket ${bucket.name} (${bucketName})` : `bucket ${bucket.name}`;
}
