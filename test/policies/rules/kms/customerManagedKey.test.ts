import { describe, expect, it } from "vitest";
import { kmsKeyChoice } from "../../../../policies/rules/kms/customerManagedKey.ts";

describe("kmsKeyChoice", () => {
  it.each([
    [undefined, "unset"],
    ["", "unset"],
    ["alias/aws/rds", "aws-managed"],
    ["alias/aws/secretsmanager", "aws-managed"],
    ["arn:aws:kms:eu-west-1:123456789012:alias/aws/rds", "aws-managed"],
    ["arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/aws/logs", "aws-managed"],
    ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "customer-managed"],
    ["alias/silo/globex", "customer-managed"],
    ["arn:aws:kms:us-east-1:123456789012:alias/awsome", "customer-managed"],
  ])("reads %s as %s", (kmsKeyId, choice) => {
    // Act
    const read = kmsKeyChoice(kmsKeyId);

    // Assess
    expect(read).toBe(choice);
  });
});
