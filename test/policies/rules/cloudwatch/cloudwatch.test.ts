import { describe, expect, it } from "vitest";
import { logGroupKmsKey } from "../../../../policies/rules/cloudwatch/logGroupKmsKey.ts";
import { logGroupRetention } from "../../../../policies/rules/cloudwatch/logGroupRetention.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const type = "aws:cloudwatch/logGroup:LogGroup";
const compliant = {
  name: "/aws/lambda/silo-globex-chat",
  retentionInDays: 90,
  kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/globex",
};

describe("the CloudWatch log group rules", () => {
  it.each([logGroupRetention, logGroupKmsKey].map((rule) => [rule.name, rule] as const))(
    "%s passes the compliant log group",
    async (_name, rule) => {
      // Act
      const violations = await violationsOf(rule, type, compliant);

      // Assess
      expect(violations).toEqual([]);
    },
  );

  it.each([
    [
      undefined,
      "retentionInDays is undefined; set logRetentionDays to at least 30 (a CloudWatch Logs retention period).",
    ],
    [0, "retentionInDays is 0; set logRetentionDays to at least 30 (a CloudWatch Logs retention period)."],
    [14, "retentionInDays is 14; set logRetentionDays to at least 30 (a CloudWatch Logs retention period)."],
  ])("reports retentionInDays %s", async (retentionInDays, message) => {
    // Act
    const violations = await violationsOf(logGroupRetention, type, { ...compliant, retentionInDays });

    // Assess
    expect(violations).toEqual([message]);
  });

  it("reports a log group without a KMS key", async () => {
    // Act
    const violations = await violationsOf(logGroupKmsKey, type, { ...compliant, kmsKeyId: undefined });

    // Assess
    expect(violations).toEqual([
      "kmsKeyId is not set; set kmsKeyId to the tenant's (or platform) KMS key ARN.",
    ]);
  });

  it("reports a log group encrypted with an AWS managed key", async () => {
    // Act
    const violations = await violationsOf(logGroupKmsKey, type, {
      ...compliant,
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:alias/aws/logs",
    });

    // Assess
    expect(violations).toEqual([
      'kmsKeyId "arn:aws:kms:us-east-1:123456789012:alias/aws/logs" is an AWS managed key, usable by every principal of the account that may use the service; set kmsKeyId to the tenant\'s (or platform) KMS key ARN.',
    ]);
  });

  it("holds retention to the profile's minimumDays", async () => {
    // Act
    const violations = await violationsOf(logGroupRetention, type, compliant, {
      "silo-cloudwatch-loggroup-retention": { minimumDays: 365 },
    });

    // Assess
    expect(violations).toEqual([
      "retentionInDays is 90; set logRetentionDays to at least 365 (a CloudWatch Logs retention period).",
    ]);
  });
});
