import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
import { PostgresDatabase } from "../database/postgresDatabase.ts";

/** Arguments of {@link UsageLedger}. */
export interface UsageLedgerArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The platform key. */
  readonly keyArn: pulumi.Input<string>;
  /**
   * The address range every dedicated tenant VPC is carved from (`silo:dedicatedCidrPool`): the ledger admits
   * it on the Postgres port with one rule, whatever the number of dedicated tenants.
   */
  readonly dedicatedCidrPool: string;
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
  /**
   * The stack's environment qualifier, carried by every physical name (components/common/resourceNames.ts).
   * @default none: the unqualified names
   */
  readonly environmentQualifier?: string;
}

/**
 * The usage ledger's database: one RDS Postgres instance, separate from every tenant's, where each tenant
 * writes only its own rows through its own role (row-level security, see runtime/core/ledger). Its
 * security group has a constant number of rules however many tenants (a security group holds 60 inbound
 * rules by default, and a rule naming a managed prefix list counts as the list's maximum entries):
 * - Postgres from one "ledger clients" group, which every tenant Lambda on the shared network joins, and
 *   from the ledger admin's group (LedgerAdmin);
 * - Postgres from the dedicated CIDR pool, the only range the Transit Gateway brings into the shared VPC:
 *   dedicated tenant VPCs are carved from it and cannot join a group of the shared VPC. What keeps one
 *   tenant off another's rows is the ledger's own authentication (a role and secret per tenant, row-level
 *   security), not the network: the pool rule opens the ledger's port only, never a tenant database.
 */
export class UsageLedger extends pulumi.ComponentResource {
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: pulumi.Output<string>;
  readonly masterSecretArn: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  /** The group a Lambda in the shared VPC joins to reach the ledger. */
  readonly clientsSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: UsageLedgerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:UsageLedger", name, {}, opts);
    const sharedResourceNames = sharedResourceNamesOf(args.environmentQualifier);

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        name: sharedResourceNames.ledgerSecurityGroup,
        // A group's description cannot change without replacing it (and the ledger's network with it).
        description: "Usage ledger: Postgres from the ledger clients and ledger admin security groups only",
        vpcId: args.vpcId,
        revokeRulesOnDelete: true,
      },
      { parent: this },
    );
    const clients = new aws.ec2.SecurityGroup(
      `${name}-clients-sg`,
      {
        name: sharedResourceNames.ledgerClientsSecurityGroup,
        description: "Members may reach the usage ledger: tenant Lambdas on the shared network",
        vpcId: args.vpcId,
        revokeRulesOnDelete: true,
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-clients`,
      {
        securityGroupId: securityGroup.id,
        description: "Postgres from the ledger clients group",
        ipProtocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
        referencedSecurityGroupId: clients.id,
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-dedicated-pool`,
      {
        securityGroupId: securityGroup.id,
        description: "Postgres from the dedicated tenant VPCs, through the Transit Gateway",
        ipProtocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
        cidrIpv4: args.dedicatedCidrPool,
      },
      { parent: this },
    );
    // As a tenant database's: a suffix drawn once per stack, so a shared stack deployed again after a
    // destroy does not fail on the final snapshot the first one left ("snapshot already exists").
    const finalSnapshotSuffix = new random.RandomId(
      `${name}-final-snapshot-suffix`,
      { byteLength: 4 },
      { parent: this },
    );
    const database = new PostgresDatabase(
      `${name}-db`,
      {
        identifier: sharedResourceNames.ledgerIdentifier,
        subnetGroupName: sharedResourceNames.ledgerSubnetGroup,
        parameterGroupName: sharedResourceNames.ledgerParameterGroup,
        finalSnapshotIdentifier: pulumi.interpolate`${sharedResourceNames.ledgerFinalSnapshot}-${finalSnapshotSuffix.hex}`,
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
    this.clientsSecurityGroupId = clients.id;
    this.registerOutputs({
      address: this.address,
      port: this.port,
      databaseName: this.databaseName,
      masterSecretArn: this.masterSecretArn,
      securityGroupId: this.securityGroupId,
    });
  }
}
