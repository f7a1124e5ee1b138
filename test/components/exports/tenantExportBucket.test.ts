import { beforeAll, describe, expect, it } from "vitest";
import { type RecordedResource, startPulumiRecording } from "../../../runtime/plan/pulumiRecording.ts";

// The component alone, under Pulumi's mocks; imported only after the mocks are set.
const started = await startPulumiRecording({ stack: "tenant-acme" });
const { recording } = started;
const keyArn = "arn:aws:kms:us-east-1:123456789012:key/acme";
let children: RecordedResource[];

const childOf = (type: string) => {
  const found = children.filter((resource) => resource.type === type);
  expect(found).toHaveLength(1);
  return found[0] as RecordedResource;
};

beforeAll(async () => {
  const aws = await import("@pulumi/aws");
  const { TenantExportBucket } = await import("../../../components/exports/tenantExportBucket.ts");
  const writerRole = new aws.iam.Role("silo-acme-admin", {
    name: "silo-acme-admin",
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
  });
  new TenantExportBucket("silo-acme-exports", { tenantId: "acme", keyArn, retentionDays: 90, writerRole });
  await started.settle();
  children = recording.descendantsOf(recording.named("silo:exports:TenantExportBucket", "silo-acme-exports"));
}, 60_000);

describe("TenantExportBucket", () => {
  it("encrypts every object with the tenant key (SSE-KMS, bucket key)", () => {
    expect(
      childOf("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
        .inputs,
    ).toMatchObject({
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
          bucketKeyEnabled: true,
        },
      ],
    });
  });

  it("blocks all four kinds of public access", () => {
    expect(childOf("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  it("expires export files after the tenant's retention period", () => {
    expect(childOf("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs).toMatchObject({
      rules: [{ status: "Enabled", filter: { prefix: "exports/" }, expiration: { days: 90 } }],
    });
  });

  it("denies every request without TLS", () => {
    const policy = JSON.parse(String(childOf("aws:s3/bucketPolicy:BucketPolicy").inputs.policy));
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    ]);
  });

  it("lets the admin role put and get only under exports/, with the tenant key", () => {
    const rolePolicy = childOf("aws:iam/rolePolicy:RolePolicy");
    const policy = JSON.parse(String(rolePolicy.inputs.policy));
    expect(rolePolicy.inputs.role).toBe("silo-acme-admin");
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Action: ["s3:PutObject", "s3:GetObject"],
        Resource: [expect.stringMatching(/\/exports\/\*$/)],
      }),
      expect.objectContaining({ Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: [keyArn] }),
    ]);
  });
});
