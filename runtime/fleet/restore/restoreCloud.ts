/** What a restore needs to know of an RDS instance. */
export interface DatabaseInstance {
  readonly identifier: string;
  /** The instance's resource id (`db-...`): its id in the Pulumi state under @pulumi/aws 7. */
  readonly resourceId: string;
  /** `available`, `creating`, `modifying`, `renaming`, ... */
  readonly status: string;
  readonly instanceClass: string;
  readonly subnetGroupName: string;
  readonly parameterGroupName: string;
  readonly securityGroupIds: readonly string[];
  /** The key of the RDS-managed master secret. */
  readonly masterSecretKmsKeyId?: string;
  /** The latest point-in-time restore target, when automated backups are on. */
  readonly latestRestorableTime?: Date;
}

/** Where a new instance comes from: a DB snapshot, or the replaced instance's backups at a point in time. */
export type RestoreSource =
  | { readonly kind: "snapshot"; readonly snapshotId: string }
  | { readonly kind: "point-in-time"; readonly sourceIdentifier: string; readonly restoreTime: Date };

/**
 * The RDS calls a restore makes outside Pulumi, as a small interface: the default is
 * {@link awsRestoreCloud}; tests pass a fake.
 */
export interface RestoreCloud {
  /** The instance, or undefined when there is none with this identifier. */
  describeInstance(identifier: string): Promise<DatabaseInstance | undefined>;
  /** A DB snapshot's status (`available`, `creating`, ...), or undefined when there is none. */
  snapshotStatus(snapshotId: string): Promise<string | undefined>;
  /**
   * Creates instance `targetIdentifier` from `source`, with the replaced instance's class, groups and
   * master-secret key (`like`), not publicly accessible, IAM authentication and deletion protection on.
   */
  restoreInstance(source: RestoreSource, targetIdentifier: string, like: DatabaseInstance): Promise<void>;
  /** ModifyDBInstance `NewDBInstanceIdentifier`, applied at once. */
  renameInstance(identifier: string, newIdentifier: string): Promise<void>;
}
