import { describe, expect, it } from "vitest";
import { instanceBackupRetention } from "../../../../policies/rules/rds/instanceBackupRetention.ts";
import { instanceDeletionProtection } from "../../../../policies/rules/rds/instanceDeletionProtection.ts";
import { instanceEncrypted } from "../../../../policies/rules/rds/instanceEncrypted.ts";
import { instanceIamAuth } from "../../../../policies/rules/rds/instanceIamAuth.ts";
import { instanceNotPublic } from "../../../../policies/rules/rds/instanceNotPublic.ts";
import { evaluateRule, violationsOf } from "../../support/evaluateRule.ts";

const type = "aws:rds/instance:Instance";
/** An instance as components/database/postgresDatabase.ts declares it. */
const compliant = {
  identifier: "silo-globex",
  engine: "postgres",
  storageEncrypted: true,
  kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/globex",
  iamDatabaseAuthenticationEnabled: true,
  publiclyAccessible: false,
  backupRetentionPeriod: 7,
  deletionProtection: true,
};
const rules = [
  instanceNotPublic,
  instanceEncrypted,
  instanceDeletionProtection,
  instanceBackupRetention,
  instanceIamAuth,
];

describe("the RDS instance rules", () => {
  it.each(rules.map((rule) => [rule.name, rule] as const))(
    "%s passes the compliant instance",
    async (_name, rule) => {
      // Act
      const violations = await violationsOf(rule, type, compliant);

      // Assess
      expect(violations).toEqual([]);
    },
  );

  it.each(rules.map((rule) => [rule.name, rule] as const))(
    "%s does not apply to other types",
    async (_name, rule) => {
      // Act
      const verdict = await evaluateRule(rule, "aws:rds/cluster:Cluster", compliant);

      // Assess
      expect(verdict.applicable).toBe(false);
    },
  );

  it.each([
    [
      instanceNotPublic,
      { publiclyAccessible: true },
      "publiclyAccessible is true; set publiclyAccessible: false.",
    ],
    [
      instanceEncrypted,
      { storageEncrypted: false },
      "storageEncrypted is not true; set storageEncrypted: true.",
    ],
    [
      instanceEncrypted,
      { kmsKeyId: undefined },
      "kmsKeyId is not set; set kmsKeyId to the tenant's KMS key ARN.",
    ],
    [
      instanceEncrypted,
      { kmsKeyId: "alias/aws/rds" },
      'kmsKeyId "alias/aws/rds" is an AWS managed key, usable by every principal of the account that may use the service; set kmsKeyId to the tenant\'s KMS key ARN.',
    ],
    [
      instanceEncrypted,
      { kmsKeyId: "arn:aws:kms:us-east-1:123456789012:alias/aws/rds" },
      'kmsKeyId "arn:aws:kms:us-east-1:123456789012:alias/aws/rds" is an AWS managed key, usable by every principal of the account that may use the service; set kmsKeyId to the tenant\'s KMS key ARN.',
    ],
    [
      instanceDeletionProtection,
      { deletionProtection: false },
      "deletionProtection is not true; set database.deletionProtection: true.",
    ],
    [
      instanceBackupRetention,
      { backupRetentionPeriod: 6 },
      "backupRetentionPeriod is 6; set database.backupRetentionDays in the tenant file to at least 7.",
    ],
    [
      instanceBackupRetention,
      { backupRetentionPeriod: undefined },
      "backupRetentionPeriod is undefined; set database.backupRetentionDays in the tenant file to at least 7.",
    ],
    [
      instanceIamAuth,
      { iamDatabaseAuthenticationEnabled: false },
      "iamDatabaseAuthenticationEnabled is not true; set iamDatabaseAuthenticationEnabled: true.",
    ],
  ] as const)("%#: reports one changed property", async (rule, change, message) => {
    // Act
    const violations = await violationsOf(rule, type, { ...compliant, ...change });

    // Assess
    expect(violations).toEqual([message]);
  });

  it("holds a backup retention to the profile's minimumDays", async () => {
    // Act
    const violations = await violationsOf(instanceBackupRetention, type, compliant, {
      "silo-rds-instance-backup-retention": { minimumDays: 35 },
    });

    // Assess
    expect(violations).toEqual([
      "backupRetentionPeriod is 7; set database.backupRetentionDays in the tenant file to at least 35.",
    ]);
  });

  it("names the shared stack's setting for the usage ledger's database", async () => {
    // Act
    const violations = await violationsOf(
      instanceBackupRetention,
      type,
      { ...compliant, tags: { "silo:tenant": "shared" } },
      { "silo-rds-instance-backup-retention": { minimumDays: 35 } },
    );

    // Assess
    expect(violations).toEqual([
      "backupRetentionPeriod is 7; set the shared stack's silo:ledgerBackupRetentionDays to at least 35.",
    ]);
  });
});
