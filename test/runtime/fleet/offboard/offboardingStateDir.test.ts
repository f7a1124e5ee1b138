import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { offboardingStateDir } from "../../../../runtime/fleet/offboard/offboardingStateDir.ts";

describe("offboardingStateDir", () => {
  it("keeps the unqualified folder as it was", () => {
    // Act
    const dir = offboardingStateDir(join("state", "offboard"), "acme");

    // Assess
    expect(dir).toBe(join("state", "offboard", "acme"));
  });

  it("gives each environment's offboarding of the same tenant a folder of its own", () => {
    // Act
    const dirs = [undefined, "staging", "uat"].map((qualifier) =>
      offboardingStateDir("offboard", "acme", qualifier),
    );

    // Assess
    expect(dirs).toEqual([
      join("offboard", "acme"),
      join("offboard", "staging.acme"),
      join("offboard", "uat.acme"),
    ]);
  });

  it("refuses a qualifier that could reach outside the state folder", () => {
    // Act
    const dir = () => offboardingStateDir("offboard", "acme", "../etc");

    // Assess
    expect(dir).toThrow(expect.objectContaining({ code: "ENVIRONMENT_QUALIFIER_INVALID" }));
  });
});
