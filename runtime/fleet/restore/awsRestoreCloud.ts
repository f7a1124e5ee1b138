import { SiloError } from "../../core/errors/siloError.ts";
import type { DatabaseInstance, RestoreCloud } from "./restoreCloud.ts";

/**
 * The default {@link RestoreCloud}: RDS through the AWS SDK v3 client (a dependency of the kit) in `region`,
 * with the usual credential chain, imported on first use so `silo` starts fast. "Not found" answers map to
 * `undefined`; every other AWS error is thrown unchanged for the caller to name the step.
 *
 * @example
 * const instance = await awsRestoreCloud("eu-west-1").describeInstance("silo-acme");
 */
export function awsRestoreCloud(region: string): RestoreCloud {
  let client: Promise<{
    sdk: typeof import("@aws-sdk/client-rds");
    rds: import("@aws-sdk/client-rds").RDSClient;
  }>;
  const rds = () => {
    client ??= import("@aws-sdk/client-rds").then(
      (sdk) => ({ sdk, rds: new sdk.RDSClient({ region }) }),
      (error: unknown) => {
        throw new SiloError(
          "AWS_SDK_CLIENT_MISSING",
          `restore could not load @aws-sdk/client-rds (${(error as Error).message}); it is a dependency of silo-kit, so reinstall: npm install`,
          { cause: error },
        );
      },
    );
    return client;
  };
  return {
    async describeInstance(identifier) {
      const { sdk, rds: client } = await rds();
      try {
        const answer = await client.send(
          new sdk.DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }),
        );
        const instance = answer.DBInstances?.[0];
        if (instance === undefined) return undefined;
        const described: DatabaseInstance = {
          identifier: instance.DBInstanceIdentifier ?? identifier,
          resourceId: instance.DbiResourceId ?? "",
          status: instance.DBInstanceStatus ?? "unknown",
          instanceClass: instance.DBInstanceClass ?? "",
          subnetGroupName: instance.DBSubnetGroup?.DBSubnetGroupName ?? "",
          parameterGroupName: instance.DBParameterGroups?.[0]?.DBParameterGroupName ?? "",
          securityGroupIds: (instance.VpcSecurityGroups ?? []).flatMap((group) =>
            group.VpcSecurityGroupId ? [group.VpcSecurityGroupId] : [],
          ),
          ...(instance.MasterUserSecret?.KmsKeyId
            ? { masterSecretKmsKeyId: instance.MasterUserSecret.KmsKeyId }
            : {}),
          ...(instance.LatestRestorableTime
            ? { latestRestorableTime: new Date(instance.LatestRestorableTime) }
            : {}),
        };
        return described;
      } catch (error) {
        if ((error as { name?: string }).name === "DBInstanceNotFoundFault") return undefined;
        throw error;
      }
    },
    async snapshotStatus(snapshotId) {
      const { sdk, rds: client } = await rds();
      try {
        const answer = await client.send(
          new sdk.DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotId }),
        );
        return answer.DBSnapshots?.[0]?.Status ?? "unknown";
      } catch (error) {
        if ((error as { name?: string }).name === "DBSnapshotNotFoundFault") return undefined;
        throw error;
      }
    },
    async restoreInstance(source, targetIdentifier, like) {
      const { sdk, rds: client } = await rds();
      const settings = {
        DBInstanceClass: like.instanceClass,
        DBSubnetGroupName: like.subnetGroupName,
        DBParameterGroupName: like.parameterGroupName,
        VpcSecurityGroupIds: [...like.securityGroupIds],
        PubliclyAccessible: false,
        EnableIAMDatabaseAuthentication: true,
        DeletionProtection: true,
        CopyTagsToSnapshot: true,
        // The snapshot's password is not the one in the replaced instance's secret: RDS makes a new one.
        ManageMasterUserPassword: true,
        ...(like.masterSecretKmsKeyId ? { MasterUserSecretKmsKeyId: like.masterSecretKmsKeyId } : {}),
        Tags: [{ Key: "silo:restored-for", Value: like.identifier }],
      };
      if (source.kind === "snapshot") {
        await client.send(
          new sdk.RestoreDBInstanceFromDBSnapshotCommand({
            ...settings,
            DBInstanceIdentifier: targetIdentifier,
            DBSnapshotIdentifier: source.snapshotId,
          }),
        );
      } else {
        await client.send(
          new sdk.RestoreDBInstanceToPointInTimeCommand({
            ...settings,
            SourceDBInstanceIdentifier: source.sourceIdentifier,
            TargetDBInstanceIdentifier: targetIdentifier,
            RestoreTime: source.restoreTime,
          }),
        );
      }
    },
    async renameInstance(identifier, newIdentifier) {
      const { sdk, rds: client } = await rds();
      await client.send(
        new sdk.ModifyDBInstanceCommand({
          DBInstanceIdentifier: identifier,
          NewDBInstanceIdentifier: newIdentifier,
          ApplyImmediately: true,
        }),
      );
    },
  };
}
