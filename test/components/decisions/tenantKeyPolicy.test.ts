import { describe, expect, it } from "vitest";
import { platformKeyPolicy } from "../../../components/decisions/platformKeyPolicy.ts";
import { keyAdministrationActions, tenantKeyPolicy } from "../../../components/decisions/tenantKeyPolicy.ts";
import { testAws } from "./support.ts";

const roleArns = ["chat", "data"].map((fn) => `arn:aws:iam::123456789012:role/silo-acme-${fn}`);
const ledgerAdminRoleArn = "arn:aws:iam::123456789012:role/silo-ledger-admin";

function policy() {
  return tenantKeyPolicy({
    aws: testAws,
    tenantId: "acme",
    tenantRoleArns: roleArns,
    ledgerAdminRoleArn,
    logGroupPatterns: ["/aws/lambda/silo-acme-*", "/silo/acme/*"],
  });
}

describe("tenantKeyPolicy", () => {
  it("lets the account administer the key but use it only through RDS, Secrets Manager and Lambda", () => {
    // Act
    const statements = policy().Statement;
    const account = statements.filter(
      (statement) => statement.Principal?.AWS === "arn:aws:iam::123456789012:root",
    );

    // Assess
    const administer = account.find((statement) => statement.Sid === "AccountAdministersKey");
    expect(administer?.Action).toEqual([...keyAdministrationActions]);
    expect(administer?.Action).not.toContain("kms:Decrypt");
    const use = account.find((statement) => statement.Sid === "AccountUsesKeyOnlyThroughServices");
    expect(use?.Condition?.StringEquals?.["kms:ViaService"]).toEqual([
      "rds.us-east-1.amazonaws.com",
      "secretsmanager.us-east-1.amazonaws.com",
      "lambda.us-east-1.amazonaws.com",
    ]);
    expect(account).toHaveLength(2);
  });

  it("names only the tenant's roles as direct users of the key", () => {
    // Act
    const direct = policy().Statement.find((statement) => statement.Sid === "TenantRolesUseKey");

    // Assess
    expect(direct?.Principal?.AWS).toEqual(roleArns);
    expect(direct?.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]);
  });

  it("lets CloudWatch Logs encrypt only the tenant's log groups and the ledger admin read only its ledger secret", () => {
    // Act
    const statements = policy().Statement;
    const logs = statements.find((statement) => statement.Sid === "CloudWatchLogsEncryptsTenantLogs");
    const ledger = statements.find((statement) => statement.Sid === "LedgerAdminReadsLedgerSecret");

    // Assess
    expect(logs?.Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-acme-*",
      "arn:aws:logs:us-east-1:123456789012:log-group:/silo/acme/*",
    ]);
    expect(ledger?.Principal?.AWS).toBe(ledgerAdminRoleArn);
    expect(ledger?.Action).toEqual(["kms:Decrypt"]);
    expect(ledger?.Condition?.StringLike?.["kms:EncryptionContext:SecretARN"]).toBe(
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:/silo/acme/ledger-role-*",
    );
  });
});

describe("platformKeyPolicy", () => {
  it("keeps IAM control with the account and lets CloudWatch Logs encrypt only the named log groups", () => {
    // Act
    const statements = platformKeyPolicy(testAws, ["/aws/lambda/silo-edge-authorizer"]).Statement;

    // Assess
    expect(statements.map((statement) => statement.Sid)).toEqual([
      "AccountControlsKeyThroughIam",
      "CloudWatchLogsEncryptsSharedLogs",
    ]);
    expect(statements[1]?.Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/silo-edge-authorizer",
    ]);
  });
});
