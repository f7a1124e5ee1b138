/** Where a resource's scheduled deletion stands. */
export type DeletionStatus =
  | { readonly state: "scheduled"; readonly deletionDate: Date }
  | { readonly state: "active" }
  | { readonly state: "gone" };

/**
 * The AWS calls offboarding makes outside Pulumi, as a small interface: the default is
 * {@link awsOffboardingCloud} (RDS, KMS and Secrets Manager clients); tests pass a fake.
 */
export interface OffboardingCloud {
  /** A manual DB snapshot's status (`creating`, `available`, ...), or undefined when there is none. */
  snapshotStatus(snapshotId: string): Promise<string | undefined>;
  /** RDS CreateDBSnapshot. */
  createSnapshot(instanceId: string, snapshotId: string): Promise<void>;
  /** RDS CopyDBSnapshot, re-encrypting the copy with `kmsKeyId`. */
  copySnapshot(sourceSnapshotId: string, targetSnapshotId: string, kmsKeyId: string): Promise<void>;
  /** The instance's deletion protection, or undefined when the instance does not exist (any more). */
  deletionProtection(instanceId: string): Promise<boolean | undefined>;
  /** RDS ModifyDBInstance with DeletionProtection off, applied at once. */
  disableDeletionProtection(instanceId: string): Promise<void>;
  /** Secrets Manager DescribeSecret: whether the secret is scheduled for deletion. */
  secretDeletion(secretName: string): Promise<DeletionStatus>;
  /**
   * Secrets Manager DeleteSecret with ForceDeleteWithoutRecovery, also on a secret already scheduled for
   * deletion: its name is free at once (a scheduled secret holds its name for its whole recovery window).
   * A secret that no longer exists is not an error.
   */
  deleteSecretNow(secretName: string): Promise<void>;
  /** KMS DescribeKey: whether the key is pending deletion. */
  keyDeletion(keyArn: string): Promise<DeletionStatus>;
}
