import { describe, expect, it } from "vitest";
import { keyRotation } from "../../../../policies/rules/kms/keyRotation.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const type = "aws:kms/key:Key";
const compliant = {
  description: "silo-kit key of tenant globex",
  enableKeyRotation: true,
  deletionWindowInDays: 30,
};

describe("keyRotation", () => {
  it("passes a key with rotation on", async () => {
    // Act
    const violations = await violationsOf(keyRotation, type, compliant);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([false, undefined])("reports enableKeyRotation %s", async (enableKeyRotation) => {
    // Act
    const violations = await violationsOf(keyRotation, type, { ...compliant, enableKeyRotation });

    // Assess
    expect(violations).toEqual(["enableKeyRotation is not true; set enableKeyRotation: true."]);
  });
});
