import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AwsContext, logGroupArn } from "../common/awsContext.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
import { lambdaTrustPolicy, ledgerAdminPolicy } from "../functions/functionPolicies.ts";
import type { LambdaCode } from "../functions/lambdaCode.ts";
import { SiloFunction } from "../functions/siloFunction.ts";
import { rdsCaBundle } from "../functions/tenantEnvironment.ts";

/** Arguments of {@link LedgerAdmin}. */
export interface LedgerAdminArgs {
  readonly aws: AwsContext;
  readonly code: LambdaCode;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the VPC's interface endpoints (Secrets Manager). */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
  readonly ledger: {
    readonly address: pulumi.Input<string>;
    readonly port: pulumi.Input<number>;
    readonly databaseName: pulumi.Input<string>;
    readonly masterSecretArn: pulumi.Input<string>;
    readonly securityGroupId: pulumi.Input<string>;
  };
  readonly platformKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
}

/**
 * The ledger-admin Lambda (runtime/ledgerAdmin/handler.ts): migrates the usage ledger and provisions one
 * tenant's ledger role per invocation. Tenant stacks invoke it on deploy; LedgerSweepSchedule invokes it
 * every few minutes to expire dangling reservations. It runs in the VPC next to the ledger, as the ledger's
 * master user, and may read only the master secret itself: each tenant stack opens its own ledger secret to
 * this role.
 */
export class LedgerAdmin extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly codeSha256: string;

  constructor(name: string, args: LedgerAdminArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:LedgerAdmin", name, {}, opts);
    const sharedResourceNames = sharedResourceNamesOf(args.aws.environmentQualifier);

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        name: sharedResourceNames.ledgerAdminSecurityGroup,
        description: "Ledger admin Lambda: Postgres to the ledger, HTTPS to the VPC endpoints",
        vpcId: args.vpcId,
        revokeRulesOnDelete: true,
      },
      { parent: this },
    );
    const rules = [
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-to-ledger`,
        {
          securityGroupId: securityGroup.id,
          description: "Postgres to the usage ledger",
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          referencedSecurityGroupId: args.ledger.securityGroupId,
        },
        { parent: this },
      ),
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-to-endpoints`,
        {
          securityGroupId: securityGroup.id,
          description: "HTTPS to the VPC interface endpoints",
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          referencedSecurityGroupId: args.endpointSecurityGroupId,
        },
        { parent: this },
      ),
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-into-ledger`,
        {
          securityGroupId: args.ledger.securityGroupId,
          description: "Postgres from the ledger admin Lambda",
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          referencedSecurityGroupId: securityGroup.id,
        },
        { parent: this },
      ),
    ];
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: sharedResourceNames.ledgerAdminRole,
        description:
          "silo-kit ledger admin: ledger master secret, platform key, tenant ledger secrets opened to it",
        assumeRolePolicy: JSON.stringify(lambdaTrustPolicy(args.aws)),
      },
      { parent: this },
    );
    const fn = new SiloFunction(
      `${name}-lambda`,
      {
        functionName: sharedResourceNames.ledgerAdminFunction,
        description: "silo-kit ledger admin: migrates the usage ledger, enrolls tenants, sweeps reservations",
        role,
        policy: pulumi
          .all([args.ledger.masterSecretArn, args.platformKeyArn])
          .apply(([masterSecretArn, platformKeyArn]) =>
            ledgerAdminPolicy({
              logGroupArn: logGroupArn(args.aws, sharedResourceNames.ledgerAdminLogGroup),
              masterSecretArn,
              platformKeyArn,
            }),
          ),
        code: args.code,
        environment: {
          NODE_EXTRA_CA_CERTS: rdsCaBundle,
          SILO_LEDGER_DB_HOST: args.ledger.address,
          SILO_LEDGER_DB_PORT: pulumi.output(args.ledger.port).apply(String),
          SILO_LEDGER_DB_NAME: args.ledger.databaseName,
          SILO_LEDGER_DB_SECRET_ID: args.ledger.masterSecretArn,
          SILO_LEDGER_DB_SSL: "require",
          ...(args.aws.environmentQualifier === undefined
            ? {}
            : { SILO_ENVIRONMENT_QUALIFIER: args.aws.environmentQualifier }),
        },
        memoryMb: 512,
        timeoutSeconds: 120,
        logRetentionDays: args.logRetentionDays,
        logKeyArn: args.platformKeyArn,
        environmentKeyArn: args.platformKeyArn,
        vpc: { subnetIds: args.subnetIds, securityGroupIds: [securityGroup.id] },
      },
      { parent: this, dependsOn: rules },
    );

    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    this.roleArn = role.arn;
    this.codeSha256 = args.code.sha256;
    this.registerOutputs({
      functionName: this.functionName,
      functionArn: this.functionArn,
      roleArn: this.roleArn,
    });
  }
}
