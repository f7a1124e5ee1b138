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

  it("passes names, ids and URLs without credentials of 20 characters or more", () => {
    // Act
    const found = secretLikeValues({
      SILO_TENANT_ID: "acme-health-enterprise-01",
      SILO_FUNCTION_NAME: "silo-acme-health-enterprise-01-chat",
      SILO_LEDGER_SCHEMA: "ledger_v3_acme_health_enterprise",
      SILO_TOKEN_ISSUER: "https://idp.example.com/realms/acme-health-enterprise-01",
      SILO_API_URL: "https://abc123def4.execute-api.us-east-1.amazonaws.com/v1",
      SILO_PROVIDER_KEY_SECRET_PREFIX: "/perf2/silo/acme-health-enterprise-01/providers/",
    });

    // Assess
    expect(found).toEqual([]);
  });

  it.each([
    ["RANDOM_LOWER", "k3j9x2m8q7w4z1p5r6t0"],
    ["RANDOM_MIXED", "Zx8k-Q2pL-9vR4-tY7w-B3nM"],
    ["SIGNING_KEY", "correct-horse-battery-staple"],
    ["WEBHOOK", "https://user:p4ssw0rd@hooks.example.com/notify"],
    ["CALLBACK", "https://api.example.com/notify?token=Zx8kQ2pL9vR4"],
  ])("still finds %s", (key, value) => {
    // Act
    const found = secretLikeValues({ [key]: value });

    // Assess
    expect(found).toEqual([key]);
  });
});
