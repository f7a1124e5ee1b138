import { describe, expect, it } from "vitest";
import { hasIamWildcard, iamWildcardMatches } from "../../../policies/analysis/iamWildcard.ts";

describe("iamWildcardMatches", () => {
  it.each([
    ["*", "anything:at/all", true],
    ["kms:?ecrypt", "kms:Decrypt", true],
    ["kms:?ecrypt", "kms:ReEncrypt", false],
    ["arn:aws:s3:::bucket.name/*", "arn:aws:s3:::bucketXname/key", false],
    ["/silo/(a)/*", "/silo/(a)/x", true],
  ])("matches %s against %s: %s", (pattern, value, expected) => {
    // Act
    const matched = iamWildcardMatches(pattern, value);

    // Assess
    expect(matched).toBe(expected);
  });

  it("ignores case only when asked", () => {
    // Act
    const sensitive = iamWildcardMatches("secretsmanager:Get*", "SecretsManager:GetSecretValue");
    const insensitive = iamWildcardMatches("secretsmanager:Get*", "SecretsManager:GetSecretValue", {
      ignoreCase: true,
    });

    // Assess
    expect([sensitive, insensitive]).toEqual([false, true]);
  });

  it("tells a pattern from a literal", () => {
    // Act
    const found = ["a*", "a?", "arn:aws:kms:us-east-1:1:key/k"].map(hasIamWildcard);

    // Assess
    expect(found).toEqual([true, true, false]);
  });
});
