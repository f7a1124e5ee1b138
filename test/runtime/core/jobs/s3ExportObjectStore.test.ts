import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { s3ExportObjectStore } from "../../../../runtime/core/jobs/s3ExportObjectStore.ts";

const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/acme";
const exportId = "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b";

function store() {
  const client = new S3Client({
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
  const s3 = mockClient(client);
  s3.on(PutObjectCommand).resolves({});
  return { s3, objects: s3ExportObjectStore({ bucket: "silo-acme-exports-1a2b", kmsKeyId: keyArn, client }) };
}

describe("s3ExportObjectStore", () => {
  it("puts the file under exports/, encrypted with the tenant key and a bucket key", async () => {
    // Prepare
    const { s3, objects } = store();

    // Act
    await objects.put(exportId, Buffer.from('{"type":"manifest"}\n'));

    // Assess
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: "silo-acme-exports-1a2b",
      Key: `exports/${exportId}.jsonl`,
      ServerSideEncryption: "aws:kms",
      SSEKMSKeyId: keyArn,
      BucketKeyEnabled: true,
      ContentType: "application/jsonl",
    });
  });

  it("hands out a pre-signed GET of that object, valid until the given time", async () => {
    // Prepare
    const { objects } = store();

    // Act
    const link = new URL(await objects.linkFor(exportId, new Date(Date.now() + 3600_000)));

    // Assess
    expect(link.protocol).toBe("https:");
    expect(link.hostname).toBe("silo-acme-exports-1a2b.s3.eu-west-1.amazonaws.com");
    expect(link.pathname).toBe(`/exports/${exportId}.jsonl`);
    expect(link.searchParams.get("X-Amz-Expires")).toBe("3600");
    expect(link.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });
});
