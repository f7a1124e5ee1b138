import { type PolicyDocument, policyDocument } from "../common/policyDocument.ts";

/** The prefix export files are written under; the admin role may touch nothing else in the bucket. */
export const exportObjectPrefix = "exports/";

/**
 * The export bucket's own policy: every request over TLS, or it is denied (FSBP S3.5).
 *
 * @example
 * const policy = exportBucketPolicy("arn:aws:s3:::silo-acme-exports-1a2b");
 */
export function exportBucketPolicy(bucketArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["s3:*"],
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}

/**
 * What the tenant's admin function may do with its exports: put and get objects under `exports/` only,
 * encrypting with (and, for a pre-signed GET, decrypting with) the tenant key.
 *
 * @example
 * const policy = exportWriterPolicy("arn:aws:s3:::silo-acme-exports-1a2b", keyArn);
 */
export function exportWriterPolicy(bucketArn: string, keyArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "ReadWriteOwnExports",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:GetObject"],
      Resource: [`${bucketArn}/${exportObjectPrefix}*`],
    },
    {
      Sid: "EncryptExportsWithTenantKey",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: [keyArn],
    },
  ]);
}
