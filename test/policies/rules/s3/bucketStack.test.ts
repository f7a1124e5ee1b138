import { describe, expect, it } from "vitest";
import { bucketEncryptionKms } from "../../../../policies/rules/s3/bucketEncryptionKms.ts";
import { bucketPublicAccessBlock } from "../../../../policies/rules/s3/bucketPublicAccessBlock.ts";
import type { PolicyEngineResource } from "../../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import { stackViolationsOf, testResource } from "../../support/evaluateRule.ts";

const bucket = testResource({
  type: "aws:s3/bucket:Bucket",
  name: "globex-exports",
  inputs: { bucket: "silo-globex-exports", tags: { "silo:tenant": "globex" } },
});

function attached(type: string, name: string, inputs: Record<string, unknown>): PolicyEngineResource {
  return testResource({
    type,
    name,
    inputs: { bucket: "silo-globex-exports", ...inputs },
    dependencies: [bucket.urn],
    propertyDependencies: { bucket: [bucket.urn] },
  });
}

const allBlocked = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};
const block = attached(
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "globex-exports-block",
  allBlocked,
);
const kmsRules = [
  {
    applyServerSideEncryptionByDefault: {
      sseAlgorithm: "aws:kms",
      kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/globex",
    },
    bucketKeyEnabled: true,
  },
];
const encryptionType =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const encryption = attached(encryptionType, "globex-exports-encryption", { rules: kmsRules });

describe("bucketPublicAccessBlock", () => {
  it("passes a bucket with all four settings blocked", async () => {
    // Act
    const violations = await stackViolationsOf(bucketPublicAccessBlock, [bucket, block]);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a bucket without a public access block", async () => {
    // Act
    const violations = await stackViolationsOf(bucketPublicAccessBlock, [bucket]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-exports",
        "bucket globex-exports (silo-globex-exports) has no aws.s3.BucketPublicAccessBlock; add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.",
      ],
    ]);
  });

  it("reports a block that leaves a setting off", async () => {
    // Act
    const violations = await stackViolationsOf(bucketPublicAccessBlock, [
      bucket,
      attached("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "globex-exports-block", {
        ...allBlocked,
        restrictPublicBuckets: false,
      }),
    ]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-exports-block",
        "public access block globex-exports-block of bucket globex-exports (silo-globex-exports) leaves restrictPublicBuckets not true; set all four to true.",
      ],
    ]);
  });
});

describe("bucketEncryptionKms", () => {
  it.each([
    ["a configuration resource", [bucket, encryption]],
    [
      "the bucket's inline configuration",
      [
        testResource({
          type: "aws:s3/bucketV2:BucketV2",
          name: "globex-exports",
          inputs: { bucket: "silo-globex-exports", serverSideEncryptionConfiguration: { rule: kmsRules[0] } },
        }),
      ],
    ],
    [
      "a shared-edge bucket without one",
      [
        testResource({
          type: "aws:s3/bucket:Bucket",
          name: "edge-logs",
          inputs: { tags: { "silo:tenant": "shared" } },
        }),
      ],
    ],
  ])("passes KMS encryption by %s", async (_what, resources) => {
    // Act
    const violations = await stackViolationsOf(bucketEncryptionKms, resources);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a bucket without default encryption", async () => {
    // Act
    const violations = await stackViolationsOf(bucketEncryptionKms, [bucket]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-exports",
        'bucket globex-exports (silo-globex-exports) has no default encryption, so S3 uses SSE-S3; add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant\'s key.',
      ],
    ]);
  });

  it.each([
    [
      { sseAlgorithm: "AES256" },
      'bucket globex-exports (silo-globex-exports) (through globex-exports-encryption) encrypts by default with sseAlgorithm "AES256" and no kmsMasterKeyId; set sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant\'s key.',
    ],
    [
      { sseAlgorithm: "aws:kms" },
      'bucket globex-exports (silo-globex-exports) (through globex-exports-encryption) encrypts by default with sseAlgorithm "aws:kms" and no kmsMasterKeyId; set sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant\'s key.',
    ],
    [
      { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" },
      'bucket globex-exports (silo-globex-exports) (through globex-exports-encryption) encrypts by default with the AWS managed key "alias/aws/s3", usable by every principal of the account that may use S3; set sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant\'s key.',
    ],
  ])(
    "reports default encryption %j on the separate configuration",
    async (applyServerSideEncryptionByDefault, message) => {
      // Act
      const violations = await stackViolationsOf(bucketEncryptionKms, [
        bucket,
        attached(encryptionType, "globex-exports-encryption", {
          rules: [{ applyServerSideEncryptionByDefault }],
        }),
      ]);

      // Assess
      expect(violations).toEqual([["globex-exports-encryption", message]]);
    },
  );

  it("reports SSE-S3 set inline on the bucket, on the bucket", async () => {
    // Act
    const violations = await stackViolationsOf(bucketEncryptionKms, [
      testResource({
        type: "aws:s3/bucketV2:BucketV2",
        name: "globex-exports",
        inputs: {
          bucket: "silo-globex-exports",
          serverSideEncryptionConfiguration: {
            rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
          },
        },
      }),
    ]);

    // Assess
    expect(violations).toEqual([
      [
        "globex-exports",
        'bucket globex-exports (silo-globex-exports) encrypts by default with sseAlgorithm "AES256" and no kmsMasterKeyId; set sseAlgorithm "aws:kms" and kmsMasterKeyId the tenant\'s key.',
      ],
    ]);
  });
});
