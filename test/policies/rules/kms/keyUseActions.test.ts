import { describe, expect, it } from "vitest";
import { keyUseActions, onlyCreatesGrants } from "../../../../policies/rules/kms/keyUseActions.ts";

describe("keyUseActions", () => {
  it("keeps the actions that use the key, as written, wildcards included", () => {
    // Act
    const use = keyUseActions([
      "kms:Decrypt",
      "kms:GenerateDataKey*",
      "kms:Re*",
      "KMS:*",
      "*",
      "kms:CreateGrant",
    ]);

    // Assess
    expect(use).toEqual(["kms:Decrypt", "kms:GenerateDataKey*", "kms:Re*", "KMS:*", "*", "kms:CreateGrant"]);
  });

  it("drops administration, even written with wildcards", () => {
    // Act
    const use = keyUseActions([
      "kms:Describe*",
      "kms:PutKeyPolicy",
      "kms:RevokeGrant",
      "kms:Get*",
      "kms:List?rants",
    ]);

    // Assess
    expect(use).toEqual([]);
  });

  it("tells a statement that only creates grants", () => {
    // Assess
    expect([
      onlyCreatesGrants(["kms:CreateGrant"]),
      onlyCreatesGrants(["kms:CreateGrant", "kms:Decrypt"]),
    ]).toEqual([true, false]);
  });
});
