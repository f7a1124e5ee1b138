import { SiloError } from "../../core/errors/siloError.ts";
import type { DeletionStatus, OffboardingCloud } from "./offboardingCloud.ts";

/** The part of an AWS SDK v3 client used here. */
interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
}
type CommandClass = new (input: Record<string, unknown>) => unknown;
interface SdkModule {
  readonly [name: string]: CommandClass | (new (config: { region: string }) => SdkClient);
}

/**
 * The default {@link OffboardingCloud}: RDS, KMS and Secrets Manager through the AWS SDK v3 in `region`,
 * with the usual credential chain. The clients are loaded on first use; `@aws-sdk/client-rds` and
 * `@aws-sdk/client-kms` are not dependencies of the kit yet, so a missing one fails with the install
 * command instead of a module error.
 *
 * @example
 * const cloud = awsOffboardingCloud("eu-west-1");
 * await cloud.createSnapshot("silo-acme", "silo-acme-offboarding");
 */
export function awsOffboardingCloud(region: string): OffboardingCloud {
  const clients = new Map<string, Promise<{ client: SdkClient; module: SdkModule }>>();
  const sdk = (packageName: string, clientName: string) => {
    let loaded = clients.get(packageName);
    if (loaded === undefined) {
      loaded = loadModule(packageName).then((module) => {
        const Client = module[clientName] as new (config: { region: string }) => SdkClient;
        return { client: new Client({ region }), module };
      });
      clients.set(packageName, loaded);
    }
    return loaded;
  };
  const send = async (
    packageName: string,
    clientName: string,
    command: string,
    input: Record<string, unknown>,
  ) => {
    const { client, module } = await sdk(packageName, clientName);
    const Command = module[command] as CommandClass;
    return client.send(new Command(input));
  };
  const rds = (command: string, input: Record<string, unknown>) =>
    send("@aws-sdk/client-rds", "RDSClient", command, input);

  return {
    async snapshotStatus(snapshotId) {
      try {
        const answer = await rds("DescribeDBSnapshotsCommand", { DBSnapshotIdentifier: snapshotId });
        return (answer.DBSnapshots as Array<{ Status?: string }> | undefined)?.[0]?.Status ?? "unknown";
      } catch (error) {
        if (isNamed(error, "DBSnapshotNotFoundFault")) return undefined;
        throw error;
      }
    },
    async createSnapshot(instanceId, snapshotId) {
      await rds("CreateDBSnapshotCommand", {
        DBInstanceIdentifier: instanceId,
        DBSnapshotIdentifier: snapshotId,
        Tags: [{ Key: "silo:offboarding", Value: "true" }],
      });
    },
    async copySnapshot(sourceSnapshotId, targetSnapshotId, kmsKeyId) {
      await rds("CopyDBSnapshotCommand", {
        SourceDBSnapshotIdentifier: sourceSnapshotId,
        TargetDBSnapshotIdentifier: targetSnapshotId,
        KmsKeyId: kmsKeyId,
        CopyTags: true,
      });
    },
    async deletionProtection(instanceId) {
      try {
        const answer = await rds("DescribeDBInstancesCommand", { DBInstanceIdentifier: instanceId });
        return (answer.DBInstances as Array<{ DeletionProtection?: boolean }> | undefined)?.[0]
          ?.DeletionProtection;
      } catch (error) {
        if (isNamed(error, "DBInstanceNotFoundFault")) return undefined;
        throw error;
      }
    },
    async disableDeletionProtection(instanceId) {
      await rds("ModifyDBInstanceCommand", {
        DBInstanceIdentifier: instanceId,
        DeletionProtection: false,
        ApplyImmediately: true,
      });
    },
    async secretDeletion(secretName) {
      try {
        const answer = await send(
          "@aws-sdk/client-secrets-manager",
          "SecretsManagerClient",
          "DescribeSecretCommand",
          {
            SecretId: secretName,
          },
        );
        return deletionStatus(answer.DeletedDate as Date | undefined, false);
      } catch (error) {
        if (isNamed(error, "ResourceNotFoundException")) return { state: "gone" };
        throw error;
      }
    },
    async keyDeletion(keyArn) {
      try {
        const answer = await send("@aws-sdk/client-kms", "KMSClient", "DescribeKeyCommand", {
          KeyId: keyArn,
        });
        const metadata = answer.KeyMetadata as { KeyState?: string; DeletionDate?: Date } | undefined;
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

function isNamed(error: unknown, name: string): boolean {
  return (error as { name?: unknown } | undefined)?.name === name;
}

async function loadModule(packageName: string): Promise<SdkModule> {
  try {
    // A variable specifier: the RDS and KMS clients are optional until they are added to package.json.
    const specifier: string = packageName;
    return (await import(specifier)) as SdkModule;
  } catch (error) {
    throw new SiloError(
      "AWS_SDK_CLIENT_MISSING",
      `offboarding needs ${packageName}, which is not installed; run: npm install ${packageName}`,
      { cause: error },
    );
  }
}
