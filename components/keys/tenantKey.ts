import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../common/awsContext.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";
import { callerDeployerArn } from "./callerDeployerArn.ts";
import { tenantKeyPolicy } from "./tenantKeyPolicy.ts";

/** Arguments of {@link TenantKey}. */
export interface TenantKeyArgs {
  readonly aws: AwsContext;
  readonly tenantId: string;
  /** The tenant's function roles: the only principals that use the key directly. */
  readonly tenantRoleArns: pulumi.Input<string>[];
  /** The shared ledger-admin role, which may decrypt the tenant's ledger secret only. */
  readonly ledgerAdminRoleArn: pulumi.Input<string>;
  /**
   * The role that deploys and operates the stack, which may use the key only through RDS, Secrets Manager
   * and Lambda, for this tenant's resources.
   * @default the IAM role (or user) the deployment runs as
   */
  readonly deployerArn?: pulumi.Input<string>;
  /** Days a deleted key can still be restored. @default 30 */
  readonly deletionWindowDays?: number;
}

/**
 * The tenant's own KMS key (`alias/silo/<tenant>`), rotated yearly. It encrypts everything of the tenant's:
 * database storage and snapshots, its secrets, Lambda environments and log groups. Only the tenant's roles
 * use it directly; the deployer, CloudWatch Logs and the ledger admin only through a service and for named
 * resources of the tenant's; the account's administrators manage it but cannot use it (tenantKeyPolicy.ts).
 */
export class TenantKey extends pulumi.ComponentResource {
  readonly keyArn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;
  readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: TenantKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantKey", name, {}, opts);

    const names = tenantResourceNames(args.tenantId, args.aws.environmentQualifier);
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `silo-kit key of tenant ${args.tenantId}`,
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowDays ?? 30,
        policy: pulumi
          .all([
            pulumi.all(args.tenantRoleArns),
            args.ledgerAdminRoleArn,
            args.deployerArn ?? callerDeployerArn(this),
          ])
          .apply(([tenantRoleArns, ledgerAdminRoleArn, deployerArn]) =>
            JSON.stringify(
              tenantKeyPolicy({
                aws: args.aws,
                tenantId: args.tenantId,
                tenantRoleArns,
                ledgerAdminRoleArn,
                deployerArn,
              }),
            ),
          ),
      },
      { parent: this },
    );
    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { name: names.keyAlias, targetKeyId: key.keyId },
      { parent: this },
    );

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
  }
}
