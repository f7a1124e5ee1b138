import { describe, expect, it } from "vitest";
import { secretKmsKey } from "../../../../policies/rules/secretsmanager/secretKmsKey.ts";
import { secretNamePrefix } from "../../../../policies/rules/secretsmanager/secretNamePrefix.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const type = "aws:secretsmanager/secret:Secret";
const compliant = {
  name: "/silo/globex/ledger-role",
  kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/globex",
  recoveryWindowInDays: 30,
};

describe("the Secrets Manager secret rules", () => {
  it.each([secretKmsKey, secretNamePrefix].map((rule) => [rule.name, rule] as const))(
    "%s passes the compliant secret",
    async (_name, rule) => {
      // Act
      const violations = await violationsOf(rule, type, compliant);

      // Assess
      expect(violations).toEqual([]);
    },
  );

  it("reports a secret without a KMS key", async () => {
    // Act
    const violations = await violationsOf(secretKmsKey, type, { ...compliant, kmsKeyId: undefined });

    // Assess
    expect(violations).toEqual(["kmsKeyId is not set; set kmsKeyId to the tenant's KMS key ARN."]);
  });

  it.each(["alias/aws/secretsmanager", "arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager"])(
    "reports a secret encrypted with the AWS managed key %s",
    async (kmsKeyId) => {
      // Act
      const violations = await violationsOf(secretKmsKey, type, { ...compliant, kmsKeyId });

      // Assess
      expect(violations).toEqual([
        `kmsKeyId ${JSON.stringify(kmsKeyId)} is an AWS managed key, usable by every principal of the account that may use the service; set kmsKeyId to the tenant's KMS key ARN.`,
      ]);
    },
  );

  it("allows the secret RDS names for a managed master password", async () => {
    // Act
    const violations = await violationsOf(secretNamePrefix, type, { ...compliant, name: "rds!db-0abc" });

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    ["globex/ledger-role", 'name is "globex/ledger-role"; name the secret /silo/<tenant>/<purpose>.'],
    ["/silo/globex", 'name is "/silo/globex"; name the secret /silo/<tenant>/<purpose>.'],
    ["/other/globex/key", 'name is "/other/globex/key"; name the secret /silo/<tenant>/<purpose>.'],
    [undefined, "name is not set; name the secret /silo/<tenant>/<purpose>."],
  ])("reports the name %s", async (name, message) => {
    // Act
    const violations = await violationsOf(secretNamePrefix, type, { ...compliant, name });

    // Assess
    expect(violations).toEqual([message]);
  });

  it("wants the qualified prefix in a stack qualified with an environment, and only there", async () => {
    // Act
    const inStaging = (name: string) =>
      evaluateRule(secretNamePrefix, type, { ...compliant, name }, { stack: "staging.tenant-globex" });
    const qualified = await inStaging("/staging/silo/globex/ledger-role");
    const unqualified = await inStaging("/silo/globex/ledger-role");
    const otherEnvironment = await inStaging("/uat/silo/globex/ledger-role");
    const inProduction = await evaluateRule(
      secretNamePrefix,
      type,
      { ...compliant, name: "/staging/silo/globex/ledger-role" },
      { stack: "tenant-globex" },
    );

    // Assess
    expect(qualified).toEqual({ applicable: true, violations: [] });
    const wanted = "name the secret /staging/silo/<tenant>/<purpose>.";
    expect(unqualified).toEqual({
      applicable: true,
      violations: [`name is "/silo/globex/ledger-role"; ${wanted}`],
    });
    expect(otherEnvironment).toEqual({
      applicable: true,
      violations: [`name is "/uat/silo/globex/ledger-role"; ${wanted}`],
    });
    expect(inProduction).toEqual({
      applicable: true,
      violations: ['name is "/staging/silo/globex/ledger-role"; name the secret /silo/<tenant>/<purpose>.'],
    });
  });
});
