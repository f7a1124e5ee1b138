import { describe, expect, it } from "vitest";
import { parseStackName, stackNameOf } from "../../stacks/parseStackName.ts";

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
      /neither "shared" nor "tenant-<id>" \(optionally qualified: .*\); create one with: pulumi stack init/,
    );
    expect(() => parseStackName("tenant-Acme")).toThrow(/"Acme" is not a tenant id/);
    expect(() => parseStackName("tenant-")).toThrow(/"" is not a tenant id/);
  });

  it("reserves the shared edge's tag value, so no tenant can be named after it", () => {
    // Assess
    expect(() => parseStackName("tenant-shared")).toThrow(/"shared" is reserved/);
  });

  it("reads a stack qualified with an environment in front", () => {
    // Assess
    expect(parseStackName("staging.shared")).toEqual({ kind: "shared", environmentQualifier: "staging" });
    expect(parseStackName("staging.tenant-acme-health")).toEqual({
      kind: "tenant",
      tenantId: "acme-health",
      environmentQualifier: "staging",
    });
  });

  it("refuses a bad qualifier or a bad name after it, naming the value and the fix", () => {
    // Assess
    expect(() => parseStackName("Staging.shared")).toThrow(
      expect.objectContaining({ code: "STACK_NAME_INVALID" }),
    );
    expect(() => parseStackName("Staging.shared")).toThrow(
      /stack "Staging.shared": environment qualifier "Staging" is not 2-10 characters .*; name a qualified stack <environment>.shared or <environment>.tenant-<id>/,
    );
    expect(() => parseStackName(".tenant-acme")).toThrow(/environment qualifier "" is not/);
    expect(() => parseStackName("silo.tenant-acme")).toThrow(/"silo" is reserved/);
    expect(() => parseStackName("staging.dev")).toThrow(
      /stack "staging.dev" is neither "shared" nor "tenant-<id>"/,
    );
    expect(() => parseStackName("staging.tenant-Acme")).toThrow(
      /stack "staging.tenant-Acme": "Acme" is not a tenant id/,
    );
    expect(() => parseStackName("a.b.tenant-acme")).toThrow(/"a" is not 2-10 characters/);
  });

  it("names stacks as it reads them", () => {
    // Assess
    for (const name of ["shared", "tenant-acme", "staging.shared", "uat2.tenant-acme-health"]) {
      expect(stackNameOf(parseStackName(name))).toBe(name);
    }
  });
});
