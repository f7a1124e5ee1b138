import { describe, expect, it } from "vitest";
import { clusterEncrypted } from "../../../../policies/rules/rds/clusterEncrypted.ts";
import { clusterInstanceNotPublic } from "../../../../policies/rules/rds/clusterInstanceNotPublic.ts";
import { snapshotNotShared } from "../../../../policies/rules/rds/snapshotNotShared.ts";
import { violationsOf } from "../../support/evaluateRule.ts";

const clusterType = "aws:rds/cluster:Cluster";
const compliantCluster = {
  clusterIdentifier: "silo-globex",
  engine: "aurora-postgresql",
  storageEncrypted: true,
  kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/globex",
};
const clusterInstanceType = "aws:rds/clusterInstance:ClusterInstance";
const compliantClusterInstance = {
  clusterIdentifier: "silo-globex",
  instanceClass: "db.r6g.large",
  engine: "aurora-postgresql",
  publiclyAccessible: false,
};

describe("clusterEncrypted", () => {
  it("passes a cluster encrypted with the tenant's key", async () => {
    // Act
    const violations = await violationsOf(clusterEncrypted, clusterType, compliantCluster);

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      { storageEncrypted: false },
      'cluster "silo-globex" has storageEncrypted false; set storageEncrypted: true.',
    ],
    [
      { storageEncrypted: undefined },
      'cluster "silo-globex" has storageEncrypted undefined; set storageEncrypted: true.',
    ],
    [
      { kmsKeyId: undefined },
      'cluster "silo-globex" has no kmsKeyId, so it would use the AWS-managed aws/rds key; set kmsKeyId to the tenant\'s KMS key ARN.',
    ],
  ])("reports %j", async (change, message) => {
    // Act
    const violations = await violationsOf(clusterEncrypted, clusterType, { ...compliantCluster, ...change });

    // Assess
    expect(violations).toEqual([message]);
  });
});

describe("clusterInstanceNotPublic", () => {
  it("passes a private cluster instance", async () => {
    // Act
    const violations = await violationsOf(
      clusterInstanceNotPublic,
      clusterInstanceType,
      compliantClusterInstance,
    );

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a publicly accessible cluster instance", async () => {
    // Act
    const violations = await violationsOf(clusterInstanceNotPublic, clusterInstanceType, {
      ...compliantClusterInstance,
      publiclyAccessible: true,
    });

    // Assess
    expect(violations).toEqual([
      'cluster instance of "silo-globex" is publicly accessible; set publiclyAccessible: false.',
    ]);
  });
});

describe("snapshotNotShared", () => {
  const snapshotTypes = [
    "aws:rds/snapshot:Snapshot",
    "aws:rds/clusterSnapshot:ClusterSnapshot",
    "aws:rds/snapshotCopy:SnapshotCopy",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
  ];

  it.each(snapshotTypes)("passes an unshared %s", async (type) => {
    // Act
    const violations = await violationsOf(snapshotNotShared, type, {
      dbSnapshotIdentifier: "silo-globex-before-upgrade",
    });

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      ["all"],
      "snapshot is shared with every AWS account (all); remove sharedAccounts; a tenant's data leaves the account only through the offboarding export (docs/offboarding.md).",
    ],
    [
      ["210987654321"],
      "snapshot is shared with accounts 210987654321; remove sharedAccounts; a tenant's data leaves the account only through the offboarding export (docs/offboarding.md).",
    ],
  ])("reports sharedAccounts %j on every snapshot type", async (sharedAccounts, message) => {
    for (const type of snapshotTypes) {
      // Act
      const violations = await violationsOf(snapshotNotShared, type, { sharedAccounts });

      // Assess
      expect(violations, type).toEqual([message]);
    }
  });
});
