import { describe, expect, it } from "vitest";
import { parseStackName } from "../../stacks/parseStackName.ts";

describe("parseStackName", () => {
  it("reads the shared stack and tenant stacks", () => {
    // Assess
    expect(parseStackName("shared")).toEqual({ kind: "shared" });
    expect(parseStackName("tenant-acme-health")).toEqual({ kind: "tenant", tenantId: "acme-health" });
  });

  it("refuses other names, saying how stacks are named", () => {
    // Assess
    expect(() => parseStackName("dev")).toThrow(expect.objectContaining({ code: "STACK_NAME_INVALID" }));
    expect(() => parseStackName("dev")).toThrow(
      /neither "shared" nor "tenant-<id>"; create one with: pulumi stack init/,
    );
    expect(() => parseStackName("tenant-Acme")).toThrow(/"Acme" is not a tenant id/);
    expect(() => parseStackName("tenant-")).toThrow(/"" is not a tenant id/);
  });

  it("reserves the shared edge's tag value, so no tenant can be named after it", () => {
    // Assess
    expect(() => parseStackName("tenant-shared")).toThrow(/"shared" is reserved/);
  });
});
