import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { TenantConfig } from "../../tenants/schema.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";
import { tenantDatabaseSettings } from "./databaseSettings.ts";
import { PostgresDatabase } from "./postgresDatabase.ts";

/** Arguments of {@link TenantDatabase}. */
export interface TenantDatabaseArgs {
  readonly tenant: TenantConfig;
  /** The tenant key: storage, snapshots and the master secret. */
  readonly keyArn: pulumi.Input<string>;
  /** Private subnets of the tenant's network. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The database security group, open only to the tenant's Lambda security group (TenantNetwork). */
  readonly securityGroupId: pulumi.Input<string>;
  /**
   * The stack's environment qualifier, carried by every physical name (components/common/resourceNames.ts).
   * @default none: the unqualified names
   */
  readonly environmentQualifier?: string;
}

/**
 * The tenant's own RDS Postgres instance, sized and protected from its tenant file (`database.*`): private,
 * encrypted with the tenant key, TLS forced, IAM authentication on, backups kept `backupRetentionDays`,
 * deletion protection and a final snapshot as the tenant file says (tenantDatabaseSettings.ts).
 */
export class TenantDatabase extends pulumi.ComponentResource {
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: pulumi.Output<string>;
  readonly masterSecretArn: pulumi.Output<string>;

  constructor(name: string, args: TenantDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantDatabase", name, {}, opts);

    const names = tenantResourceNames(args.tenant.id, args.environmentQualifier);
    const settings = tenantDatabaseSettings(args.tenant);
    // The final snapshot's id carries a suffix drawn once per stack: a tenant offboarded (its snapshot
    // kept) and onboarded again gets a new stack and a new suffix, so its next deletion does not fail on
    // "snapshot already exists". The suffix is stable for the stack's life: no diff on later updates.
    const finalSnapshotSuffix = new random.RandomId(
      `${name}-final-snapshot-suffix`,
      { byteLength: 4 },
      { parent: this },
    );
    const database = new PostgresDatabase(
      `${name}-postgres`,
      {
        identifier: names.databaseIdentifier,
        subnetGroupName: names.databaseSubnetGroup,
        parameterGroupName: names.databaseParameterGroup,
        finalSnapshotIdentifier: pulumi.interpolate`${names.finalSnapshotIdentifier}-${finalSnapshotSuffix.hex}`,
        databaseName: names.databaseName,
        masterUsername: names.databaseMasterUsername,
        keyArn: args.keyArn,
        subnetIds: args.subnetIds,
        securityGroupIds: [args.securityGroupId],
        instanceClass: settings.instanceClass,
        allocatedStorageGb: settings.allocatedStorageGb,
        maxAllocatedStorageGb: settings.maxAllocatedStorageGb,
        backupRetentionDays: settings.backupRetentionDays,
        multiAz: settings.multiAz,
        deletionProtection: settings.deletionProtection,
        finalSnapshot: settings.finalSnapshot,
      },
      { parent: this },
    );

    this.address = database.address;
    this.port = database.port;
    this.databaseName = database.databaseName;
    this.masterSecretArn = database.masterSecretArn;
    this.registerOutputs({
      address: this.address,
      port: this.port,
      databaseName: this.databaseName,
      masterSecretArn: this.masterSecretArn,
    });
  }
}
