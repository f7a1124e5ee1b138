import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { databaseParameters, postgresEngine } from "./databaseSettings.ts";

/** Arguments of {@link PostgresDatabase}. */
export interface PostgresDatabaseArgs {
  /** RDS instance identifier; also names the subnet and parameter groups. */
  readonly identifier: string;
  readonly subnetGroupName: string;
  readonly parameterGroupName: string;
  readonly finalSnapshotIdentifier: pulumi.Input<string>;
  /** The database created on the instance. */
  readonly databaseName: string;
  readonly masterUsername: string;
  /** Encrypts the storage, snapshots and the RDS-managed master secret. */
  readonly keyArn: pulumi.Input<string>;
  /** Private subnets, in at least two Availability Zones. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly instanceClass: string;
  readonly allocatedStorageGb: number;
  /** Storage autoscaling ceiling. @default 4 times allocatedStorageGb */
  readonly maxAllocatedStorageGb?: number;
  readonly backupRetentionDays: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  /** Take a final snapshot when the instance is deleted. */
  readonly finalSnapshot: boolean;
}

/**
 * An RDS for PostgreSQL instance as the kit runs every database: private (never publicly accessible),
 * encrypted with the given KMS key, TLS forced by its parameter group, IAM authentication on, and the
 * master password generated and kept by RDS in Secrets Manager (encrypted with the same key), so no
 * password ever passes through the stack.
 */
export class PostgresDatabase extends pulumi.ComponentResource {
  readonly instance: aws.rds.Instance;
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: pulumi.Output<string>;
  /** The RDS-managed secret with the master `{"username", "password"}`. */
  readonly masterSecretArn: pulumi.Output<string>;

  constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:common:PostgresDatabase", name, {}, opts);

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { name: args.subnetGroupName, subnetIds: args.subnetIds },
      { parent: this },
    );
    const parameterGroup = new aws.rds.ParameterGroup(
      `${name}-parameters`,
      {
        name: args.parameterGroupName,
        family: postgresEngine.parameterGroupFamily,
        description: `${args.identifier}: TLS required`,
        parameters: databaseParameters.map((parameter) => ({ ...parameter })),
      },
      { parent: this },
    );
    this.instance = new aws.rds.Instance(
      `${name}-instance`,
      {
        identifier: args.identifier,
        engine: postgresEngine.engine,
        engineVersion: postgresEngine.engineVersion,
        autoMinorVersionUpgrade: true,
        instanceClass: args.instanceClass,
        allocatedStorage: args.allocatedStorageGb,
        maxAllocatedStorage: args.maxAllocatedStorageGb ?? args.allocatedStorageGb * 4,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: args.keyArn,
        dbName: args.databaseName,
        username: args.masterUsername,
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.keyArn,
        iamDatabaseAuthenticationEnabled: true,
        publiclyAccessible: false,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: args.securityGroupIds,
        parameterGroupName: parameterGroup.name,
        backupRetentionPeriod: args.backupRetentionDays,
        multiAz: args.multiAz,
        deletionProtection: args.deletionProtection,
        skipFinalSnapshot: !args.finalSnapshot,
        finalSnapshotIdentifier: args.finalSnapshot ? args.finalSnapshotIdentifier : undefined,
        copyTagsToSnapshot: true,
        caCertIdentifier: "rds-ca-rsa2048-g1",
      },
      { parent: this },
    );

    this.address = this.instance.address;
    this.port = this.instance.port;
    this.databaseName = this.instance.dbName;
    this.masterSecretArn = this.instance.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "");
    this.registerOutputs({
      address: this.address,
      port: this.port,
      databaseName: this.databaseName,
      masterSecretArn: this.masterSecretArn,
    });
  }
}
