import { describe, expect, it } from "vitest";
import { secretLikeValues, shannonEntropy } from "../../../../policies/rules/lambda/secretLikeValues.ts";

describe("shannonEntropy", () => {
  it.each([
    ["aaaa", 0],
    ["abab", 1],
    ["abcd", 2],
  ])("gives %s %d bits per character", (value, bits) => {
    // Act
    const entropy = shannonEntropy(value);

    // Assess
    expect(entropy).toBeCloseTo(bits);
  });
});

describe("secretLikeValues", () => {
  it("keeps only the variables that hold secrets, and the known secrets a test passes", () => {
    // Act
    const found = secretLikeValues(
      {
        SILO_DB_SECRET_ID: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-x",
        SILO_TENANT_ID: "globex",
        GENERATED: "Zx8kQ2pL9vR4tY7wB3nM6cF1",
        LONG_NAME: "silo_provider_key_prefix_value",
        LEAKED: "prefix-hunter2-suffix",
      },
      ["hunter2"],
    );

    // Assess
    expect(found).toEqual(["GENERATED", "LEAKED"]);
  });
});
