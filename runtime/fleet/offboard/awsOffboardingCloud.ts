import { SiloError } from "../../core/errors/siloError.ts";
import type { DeletionStatus, OffboardingCloud } from "./offboardingCloud.ts";

// Loaded on first use, once per process: the SDK clients are large and most `silo` commands never offboard.
const loadRds = once(() => importSdk("@aws-sdk/client-rds", () => import("@aws-sdk/client-rds")));
const loadKms = once(() => importSdk("@aws-sdk/client-kms", () => import("@aws-sdk/client-kms")));
const loadSecretsManager = once(() =>
  importSdk("@aws-sdk/client-secrets-manager", () => import("@aws-sdk/client-secrets-manager")),
);

/**
 * The default {@link OffboardingCloud}: RDS, KMS and Secrets Manager through the AWS SDK v3 clients (dependencies
 * of the kit) in `region`, with the usual credential chain. The SDK modules are imported on first use so that
 * `silo` starts fast, and each client is created once per returned object. A "not found" answer maps to
 * `undefined` or `{ state: "gone" }` as the interface says; every other AWS error is thrown unchanged, for the
 * caller to name the step that failed.
 *
 * @example
 * const cloud = awsOffboardingCloud("eu-west-1");
 * await cloud.createSnapshot("silo-acme", "silo-acme-offboarding");
 */
export function awsOffboardingCloud(region: string): OffboardingCloud {
  const rds = once(async () => {
    const sdk = await loadRds();
    return { sdk, client: new sdk.RDSClient({ region }) };
  });
  const kms = once(async () => {
    const sdk = await loadKms();
    return { sdk, client: new sdk.KMSClient({ region }) };
  });
  const secretsManager = once(async () => {
    const sdk = await loadSecretsManager();
    return { sdk, client: new sdk.SecretsManagerClient({ region }) };
  });

  return {
    async snapshotStatus(snapshotId) {
      const { sdk, client } = await rds();
      try {
        const answer = await client.send(
          new sdk.DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotId }),
        );
        return answer.DBSnapshots?.[0]?.Status ?? "unknown";
      } catch (error) {
        if (isNamed(error, "DBSnapshotNotFoundFault")) return undefined;
        throw error;
      }
    },
    async createSnapshot(instanceId, snapshotId) {
      const { sdk, client } = await rds();
      await client.send(
        new sdk.CreateDBSnapshotCommand({
          DBInstanceIdentifier: instanceId,
          DBSnapshotIdentifier: snapshotId,
          Tags: [{ Key: "silo:offboarding", Value: "true" }],
        }),
      );
    },
    async copySnapshot(sourceSnapshotId, targetSnapshotId, kmsKeyId) {
      const { sdk, client } = await rds();
      await client.send(
        new sdk.CopyDBSnapshotCommand({
          SourceDBSnapshotIdentifier: sourceSnapshotId,
          TargetDBSnapshotIdentifier: targetSnapshotId,
          KmsKeyId: kmsKeyId,
          CopyTags: true,
        }),
      );
    },
    async deletionProtection(instanceId) {
      const { sdk, client } = await rds();
      try {
        const answer = await client.send(
          new sdk.DescribeDBInstancesCommand({ DBInstanceIdentifier: instanceId }),
        );
        return answer.DBInstances?.[0]?.DeletionProtection;
      } catch (error) {
        if (isNamed(error, "DBInstanceNotFoundFault")) return undefined;
        throw error;
      }
    },
    async disableDeletionProtection(instanceId) {
      const { sdk, client } = await rds();
      await client.send(
        new sdk.ModifyDBInstanceCommand({
          DBInstanceIdentifier: instanceId,
          DeletionProtection: false,
          ApplyImmediately: true,
        }),
      );
    },
    async secretDeletion(secretName) {
      const { sdk, client } = await secretsManager();
      try {
        const answer = await client.send(new sdk.DescribeSecretCommand({ SecretId: secretName }));
        return deletionStatus(answer.DeletedDate, false);
      } catch (error) {
        if (isNamed(error, "ResourceNotFoundException")) return { state: "gone" };
        throw error;
      }
    },
    async deleteSecretNow(secretName) {
      const { sdk, client } = await secretsManager();
      try {
        await client.send(
          new sdk.DeleteSecretCommand({ SecretId: secretName, ForceDeleteWithoutRecovery: true }),
        );
      } catch (error) {
        if (!isNamed(error, "ResourceNotFoundException")) throw error;
      }
    },
    async keyDeletion(keyArn) {
      const { sdk, client } = await kms();
      try {
        const answer = await client.send(new sdk.DescribeKeyCommand({ KeyId: keyArn }));
        const metadata = answer.KeyMetadata;
        return deletionStatus(metadata?.DeletionDate, metadata?.KeyState === "PendingDeletion");
      } catch (error) {
        if (isNamed(error, "NotFoundException")) return { state: "gone" };
        throw error;
      }
    },
  };
}

function deletionStatus(date: Date | undefined, pending: boolean): DeletionStatus {
  if (date !== undefined) return { state: "scheduled", deletionDate: new Date(date) };
  return pending ? { state: "scheduled", deletionDate: new Date(Number.NaN) } : { state: "active" };
}

// By name rather than `instanceof`: the SDK sets `name` to the AWS error code, and a second copy of a client
// package in node_modules would have its own exception classes.
function isNamed(error: unknown, name: string): boolean {
  return (error as { name?: unknown } | undefined)?.name === name;
}

/** `make` run on the first call only; later calls share its promise, settled or not. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

async function importSdk<Module>(packageName: string, load: () => Promise<Module>): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SiloError(
      "AWS_SDK_CLIENT_MISSING",
      `offboarding could not load ${packageName} (${reason}); it is a dependency of silo-kit, so reinstall: npm install`,
      { cause: error },
    );
  }
}
