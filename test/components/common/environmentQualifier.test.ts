import { describe, expect, it } from "vitest";
import { checkEnvironmentQualifier } from "../../../components/common/environmentQualifier.ts";

describe("checkEnvironmentQualifier", () => {
  it("accepts short lowercase qualifiers", () => {
    // Assess
    for (const value of ["staging", "uat", "perf2", "qa", "a".repeat(10)]) {
      expect(checkEnvironmentQualifier(value)).toBe(value);
    }
  });

  it("refuses what would be ambiguous or too long, naming the value and the fix", () => {
    // Assess
    for (const value of [
      "",
      "s",
      "Staging",
      "stag-ing",
      "stag.ing",
      "stag_ing",
      "2staging",
      "a".repeat(11),
    ]) {
      expect(() => checkEnvironmentQualifier(value)).toThrow(
        expect.objectContaining({ code: "ENVIRONMENT_QUALIFIER_INVALID" }),
      );
      expect(() => checkEnvironmentQualifier(value)).toThrow(
        `environment qualifier "${value}" is not 2-10 characters of a-z and 0-9, starting with a letter; use e.g. staging, uat or perf2`,
      );
    }
    expect(() => checkEnvironmentQualifier("silo")).toThrow(
      /"silo" is reserved .*; choose another, e.g. staging/,
    );
  });
});
