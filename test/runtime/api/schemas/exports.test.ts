import { describe, expect, it } from "vitest";
import { createExportBody } from "../../../../runtime/api/schemas/exports.ts";

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
