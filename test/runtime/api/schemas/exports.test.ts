import { describe, expect, it } from "vitest";
import { createExportBody, exportDownloadSchema } from "../../../../runtime/api/schemas/exports.ts";

describe("createExportBody", () => {
  it("accepts {} (everything) or a list of resources", () => {
    expect(createExportBody.safeParse({}).success).toBe(true);
    expect(createExportBody.safeParse({ resources: ["conversations", "messages"] }).success).toBe(true);
  });

  it("rejects an empty list, a repeated resource and an unknown one", () => {
    expect(createExportBody.safeParse({ resources: [] }).success).toBe(false);
    expect(createExportBody.safeParse({ resources: ["usage", "usage"] }).error?.issues[0]?.message).toBe(
      "names a resource twice; list each once",
    );
    expect(createExportBody.safeParse({ resources: ["secrets"] }).success).toBe(false);
  });
});

describe("exportDownloadSchema", () => {
  const download = {
    expiresAt: "2025-01-31T09:30:00Z",
    sizeBytes: 120,
    sha256: "a".repeat(64),
  };

  it("accepts an https link, and plain http only from the local platform on the loopback interface", () => {
    for (const url of [
      "https://exports.example.com/acme-health/e1?X-Amz-Signature=abc",
      "http://127.0.0.1:4000/acme-health/downloads/exports/e1",
      "http://localhost:4000/downloads/e1",
    ]) {
      expect(exportDownloadSchema.safeParse({ ...download, url }).success).toBe(true);
    }
  });

  it("refuses plain http to any other host, and other protocols", () => {
    expect(
      exportDownloadSchema.safeParse({ ...download, url: "http://exports.example.com/e1" }).error?.issues[0]
        ?.message,
    ).toBe("must be https; plain http only for the local platform on 127.0.0.1");
    expect(
      exportDownloadSchema.safeParse({ ...download, url: "http://127.0.0.1.evil.example/e1" }).success,
    ).toBe(false);
    expect(exportDownloadSchema.safeParse({ ...download, url: "ftp://127.0.0.1/e1" }).success).toBe(false);
  });
});
