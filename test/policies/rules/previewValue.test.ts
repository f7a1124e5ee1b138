// @ts-expect-error: @pulumi/policy's proxy module is internal and untyped; the analyzer wraps stack resources in it.
import { unknownCheckingProxy, unknownStringValue } from "@pulumi/policy/proxy.js";
import { describe, expect, it } from "vitest";
import { isUnknownValueError, previewValue } from "../../../policies/rules/previewValue.ts";

// Properties as the analyzer shows them to a stack policy during a preview: an unknown value throws when read.
const props = unknownCheckingProxy({
  name: "/silo/globex/ledger-role",
  kmsKeyId: unknownStringValue,
}) as Record<string, unknown>;

describe("previewValue", () => {
  it("returns a known value", () => {
    // Act
    const read = previewValue(() => props.name);

    // Assess
    expect(read).toEqual({ known: true, value: "/silo/globex/ledger-role" });
  });

  it("says unknown where the analyzer's proxy throws", () => {
    // Act
    const read = previewValue(() => props.kmsKeyId);

    // Assess
    expect(read).toEqual({ known: false });
  });

  it("rethrows any other error", () => {
    // Act
    const read = () =>
      previewValue(() => {
        throw new TypeError("not a preview");
      });

    // Assess
    expect(read).toThrow("not a preview");
  });
});

describe("isUnknownValueError", () => {
  it("tells the analyzer's UnknownValueError from other errors", () => {
    // Prepare
    let thrown: unknown;
    try {
      void props.kmsKeyId;
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(isUnknownValueError(thrown)).toBe(true);
    expect(isUnknownValueError(new Error("string value at .kmsKeyId"))).toBe(false);
  });
});
