import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../common/awsContext.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
import { callerDeployerArn } from "./callerDeployerArn.ts";
import { platformKeyPolicy } from "./platformKeyPolicy.ts";

/** Arguments of {@link PlatformKey}. */
export interface PlatformKeyArgs {
  readonly aws: AwsContext;
  /** Log groups CloudWatch Logs may encrypt with the key. */
  readonly logGroupNames: readonly string[];
  /**
   * The role that deploys and operates the shared stack, which may use the key only through RDS, Secrets
   * Manager and Lambda, for the ledger's resources.
   * @default the IAM role (or user) the deployment runs as
   */
  readonly deployerArn?: pulumi.Input<string>;
  /** Days a deleted key can still be restored. @default 30 */
  readonly deletionWindowDays?: number;
}

/**
 * The shared stack's KMS key (`alias/silo/shared`), rotated yearly: it encrypts the usage ledger, its master
 * secret and the shared log groups. Tenant data never uses it; each tenant has its own key. Only the
 * ledger-admin role uses it directly; the account's administrators manage it but cannot use it
 * (platformKeyPolicy.ts).
 */
export class PlatformKey extends pulumi.ComponentResource {
  readonly keyArn: pulumi.Output<string>;
  readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: PlatformKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:PlatformKey", name, {}, opts);
    const sharedResourceNames = sharedResourceNamesOf(args.aws.environmentQualifier);

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "silo-kit shared platform key: usage ledger, its secrets, shared logs",
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowDays ?? 30,
        policy: pulumi
          .output(args.deployerArn ?? callerDeployerArn(this))
          .apply((deployerArn) =>
            JSON.stringify(
              platformKeyPolicy({ aws: args.aws, logGroupNames: args.logGroupNames, deployerArn }),
            ),
          ),
      },
      { parent: this },
    );
    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { name: sharedResourceNames.keyAlias, targetKeyId: key.keyId },
      { parent: this },
    );

    this.keyArn = key.arn;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, aliasName: this.aliasName });
  }
}
