import { describe, expect, it } from "vitest";
import { accountsNamedBy, principalAccount } from "../../../policies/analysis/principalAccounts.ts";

describe("principalAccount", () => {
  it.each([
    ["123456789012", "123456789012"],
    ["arn:aws:iam::210987654321:root", "210987654321"],
    ["arn:aws:iam::210987654321:role/silo-initech-chat", "210987654321"],
    ["arn:aws:sts::210987654321:assumed-role/x/y", "210987654321"],
    ["lambda.amazonaws.com", undefined],
    ["*", undefined],
  ])("reads %s as %s", (principal, account) => {
    // Act / Assess
    expect(principalAccount(principal)).toBe(account);
  });
});

describe("accountsNamedBy", () => {
  it("reads ARNs and ids anywhere in the inputs", () => {
    // Act
    const accounts = accountsNamedBy({
      type: "aws:cloudwatch/logGroup:LogGroup",
      props: { kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", tags: { owner: "444455556666" } },
    });

    // Assess
    expect(accounts.sort()).toEqual(["123456789012", "444455556666"]);
  });

  it("counts a policy's resources and conditions but never its principals", () => {
    // Act
    const accounts = accountsNamedBy({
      type: "aws:lambda/permission:Permission",
      props: {
        function: "arn:aws:lambda:us-east-1:123456789012:function:silo-globex-chat",
        principal: "210987654321",
        sourceAccount: "123456789012",
      },
    });

    // Assess
    expect(accounts).toEqual(["123456789012"]);
  });

  it("ignores the principals of a document", () => {
    // Act
    const accounts = accountsNamedBy({
      type: "aws:s3/bucketPolicy:BucketPolicy",
      props: {
        bucket: "silo-globex-exports",
        policy: JSON.stringify({
          Statement: [
            { Effect: "Allow", Principal: { AWS: "210987654321" }, Action: "s3:GetObject", Resource: "*" },
          ],
        }),
      },
    });

    // Assess
    expect(accounts).toEqual([]);
  });
});
