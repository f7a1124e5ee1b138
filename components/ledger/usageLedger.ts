import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { sharedResourceNames } from "../common/resourceNames.ts";
import { PostgresDatabase } from "../database/postgresDatabase.ts";

/** Arguments of {@link UsageLedger}. */
export interface UsageLedgerArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The platform key. */
  readonly keyArn: pulumi.Input<string>;
  /** @default "db.t4g.small" */
  readonly instanceClass?: string;
  /** @default 20 */
  readonly allocatedStorageGb?: number;
  /** @default 14 */
  readonly backupRetentionDays?: number;
  /** @default false */
  readonly multiAz?: boolean;
  /** @default true */
  readonly deletionProtection?: boolean;
}

/**
 * The usage ledger's database: one RDS Postgres instance, separate from every tenant's, where each tenant
 * writes only its own rows through its own role (row-level security, see runtime/core/ledger). Its
 * security group starts closed: the ledger admin and each tenant stack add an ingress rule from their own
 * Lambda security group.
 */
export class UsageLedger extends pulumi.ComponentResource {
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: pulumi.Output<string>;
  readonly masterSecretArn: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: UsageLedgerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:UsageLedger", name, {}, opts);

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        name: sharedResourceNames.ledgerSecurityGroup,
        description: "Usage ledger: Postgres from the ledger admin and tenant Lambda security groups only",
        vpcId: args.vpcId,
        revokeRulesOnDelete: true,
      },
      { parent: this },
    );
    const database = new PostgresDatabase(
      `${name}-db`,
      {
        identifier: sharedResourceNames.ledgerIdentifier,
        subnetGroupName: sharedResourceNames.ledgerSubnetGroup,
        parameterGroupName: sharedResourceNames.ledgerParameterGroup,
        finalSnapshotIdentifier: sharedResourceNames.ledgerFinalSnapshot,
        databaseName: sharedResourceNames.ledgerDatabaseName,
        masterUsername: sharedResourceNames.ledgerMasterUsername,
        keyArn: args.keyArn,
        subnetIds: args.subnetIds,
        securityGroupIds: [securityGroup.id],
        instanceClass: args.instanceClass ?? "db.t4g.small",
        allocatedStorageGb: args.allocatedStorageGb ?? 20,
        backupRetentionDays: args.backupRetentionDays ?? 14,
        multiAz: args.multiAz ?? false,
        deletionProtection: args.deletionProtection ?? true,
        // Billing records: deleting the ledger always leaves a snapshot behind.
        finalSnapshot: true,
      },
      { parent: this },
    );

    this.address = database.address;
    this.port = database.port;
    this.databaseName = database.databaseName;
    this.masterSecretArn = database.masterSecretArn;
    this.securityGroupId = securityGroup.id;
    this.registerOutputs({
      address: this.address,
      port: this.port,
      databaseName: this.databaseName,
      masterSecretArn: this.masterSecretArn,
      securityGroupId: this.securityGroupId,
    });
  }
}
