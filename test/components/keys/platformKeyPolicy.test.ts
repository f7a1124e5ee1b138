import { describe, expect, it } from "vitest";
import { keyAdministrationActions } from "../../../components/keys/accountAdministersKey.ts";
import { platformKeyPolicy } from "../../../components/keys/platformKeyPolicy.ts";
import { testAws } from "../support.ts";

const deployerArn = "arn:aws:iam::123456789012:role/silo-deployer";

function statements() {
  return platformKeyPolicy({
    aws: testAws,
    logGroupNames: ["/aws/lambda/silo-edge-authorizer", "/aws/lambda/silo-ledger-admin"],
    deployerArn,
  }).Statement;
}

describe("platformKeyPolicy", () => {
  it("lets the account administer the key, and use it only as the ledger-admin role", () => {
    // Act
    const account = statements().filter(
      (statement) => statement.Principal?.AWS === "arn:aws:iam::123456789012:root",
    );

    // Assess
    expect(account.map((statement) => [statement.Sid, statement.Action, statement.Condition])).toEqual([
      ["AccountAdministersKey", [...keyAdministrationActions], undefined],
      [
        "LedgerAdminUsesKey",
        ["kms:Decrypt", "kms:DescribeKey"],
        { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/silo-ledger-admin" } },
      ],
    ]);
  });

  it("lets the deployer use the key only through the services, for the ledger's secret and the ledger admin's environment", () => {
    // Act
    const deployer = statements().filter((statement) => statement.Principal?.AWS === deployerArn);

    // Assess
    expect(deployer.map((statement) => statement.Condition?.StringEquals?.["kms:ViaService"])).toEqual([
      ["rds.us-east-1.amazonaws.com", "lambda.us-east-1.amazonaws.com"],
      "secretsmanager.us-east-1.amazonaws.com",
      "lambda.us-east-1.amazonaws.com",
    ]);
    expect(deployer[1]?.Condition?.ArnLike?.["kms:EncryptionContext:SecretARN"]).toEqual([
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-*",
    ]);
    expect(deployer[2]?.Condition?.ArnLike?.["kms:EncryptionContext:aws:lambda:FunctionArn"]).toEqual([
      "arn:aws:lambda:us-east-1:123456789012:function:silo-ledger-admin",
      "arn:aws:lambda:us-east-1:123456789012:function:silo-ledger-admin:*",
    ]);
  });

  it("lets CloudWatch Logs encrypt only the named log groups", () => {
    // Act
    const logs = statements().find((statement) => statement.Sid === "CloudWatchLogsEncryptsSharedLogs");

    // Assess
    expect(logs?.Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-edge-authorizer",
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-ledger-admin",
    ]);
  });
});
