import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../common/awsContext.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
import type { SharedEdgeOutputs } from "../common/sharedEdgeOutputs.ts";
import type { LambdaCode } from "../functions/lambdaCode.ts";
import { PlatformKey } from "../keys/platformKey.ts";
import { LedgerAdmin } from "../ledger/ledgerAdmin.ts";
import { LedgerSweepSchedule } from "../ledger/ledgerSweepSchedule.ts";
import { UsageLedger, type UsageLedgerArgs } from "../ledger/usageLedger.ts";
import { type NatGatewayStrategy, SharedNetwork } from "../network/sharedNetwork.ts";
import type { AuthorizerSettings } from "./authorizerEnvironment.ts";
import { EdgeAuthorizer } from "./edgeAuthorizer.ts";
import { EdgeDomain } from "./edgeDomain.ts";

/** Arguments of {@link SharedEdge}. */
export interface SharedEdgeArgs {
  readonly aws: AwsContext;
  readonly network: {
    readonly cidrBlock: string;
    readonly availabilityZones: readonly string[];
    /** @default "none" */
    readonly natGateways?: NatGatewayStrategy;
    /** The address range dedicated tenant VPCs are carved from. */
    readonly dedicatedCidrPool: string;
  };
  readonly authorizer: AuthorizerSettings;
  /** How long API Gateway caches an authorizer decision; 0 turns caching off. */
  readonly authorizerCacheTtlSeconds: number;
  /** @default no custom domain: each tenant API is reached on its own execute-api endpoint */
  readonly domain?: { readonly domainName: string; readonly certificateArn: string };
  /** @default UsageLedger's defaults */
  readonly ledger?: Omit<UsageLedgerArgs, "vpcId" | "subnetIds" | "keyArn" | "dedicatedCidrPool">;
  /**
   * Minutes between sweeps of dangling ledger reservations.
   * @default 5 (LedgerSweepSchedule's default)
   */
  readonly ledgerSweepIntervalMinutes?: number;
  readonly logRetentionDays: number;
  readonly code: { readonly authorizer: LambdaCode; readonly ledgerAdmin: LambdaCode };
  /**
   * The role that deploys and operates the stack (`silo:deployerRoleArn`), which may use the platform key
   * only through RDS, Secrets Manager and Lambda.
   * @default the IAM role (or user) the deployment runs as
   */
  readonly deployerArn?: string;
}

/** Every shared output, as the stack exports it. */
export type SharedEdgeExports = {
  readonly [Key in keyof SharedEdgeOutputs]: pulumi.Input<SharedEdgeOutputs[Key]>;
};

/**
 * The shared edge every tenant silo sits behind: the network, the platform key, the edge authorizer, the
 * optional custom domain, and the usage ledger with its admin Lambda and the schedule that sweeps it.
 * `exports` is the contract tenant stacks read through their StackReference.
 */
export class SharedEdge extends pulumi.ComponentResource {
  readonly exports: SharedEdgeExports;
  /** The custom domain, for its DNS target; undefined without one. */
  readonly domain: EdgeDomain | undefined;

  constructor(name: string, args: SharedEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:SharedEdge", name, {}, opts);
    const sharedResourceNames = sharedResourceNamesOf(args.aws.environmentQualifier);

    const key = new PlatformKey(
      `${name}-key`,
      {
        aws: args.aws,
        logGroupNames: [sharedResourceNames.authorizerLogGroup, sharedResourceNames.ledgerAdminLogGroup],
        deployerArn: args.deployerArn,
      },
      { parent: this },
    );
    const network = new SharedNetwork(
      `${name}-network`,
      {
        aws: args.aws,
        cidrBlock: args.network.cidrBlock,
        availabilityZones: args.network.availabilityZones,
        natGateways: args.network.natGateways,
        dedicatedCidrPool: args.network.dedicatedCidrPool,
      },
      { parent: this },
    );
    const authorizer = new EdgeAuthorizer(
      `${name}-authorizer`,
      {
        aws: args.aws,
        settings: args.authorizer,
        code: args.code.authorizer,
        logRetentionDays: args.logRetentionDays,
        logKeyArn: key.keyArn,
      },
      { parent: this },
    );
    const domain =
      args.domain === undefined ? undefined : new EdgeDomain(`${name}-domain`, args.domain, { parent: this });
    this.domain = domain;
    const ledger = new UsageLedger(
      `${name}-ledger`,
      {
        ...args.ledger,
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        keyArn: key.keyArn,
        dedicatedCidrPool: network.dedicatedCidrPool,
        environmentQualifier: args.aws.environmentQualifier,
      },
      { parent: this },
    );
    const ledgerAdmin = new LedgerAdmin(
      `${name}-ledger-admin`,
      {
        aws: args.aws,
        code: args.code.ledgerAdmin,
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        endpointSecurityGroupId: network.endpointSecurityGroupId,
        ledger,
        platformKeyArn: key.keyArn,
        logRetentionDays: args.logRetentionDays,
      },
      { parent: this },
    );
    new LedgerSweepSchedule(
      `${name}-ledger-sweep`,
      {
        aws: args.aws,
        ledgerAdminFunctionArn: ledgerAdmin.functionArn,
        intervalMinutes: args.ledgerSweepIntervalMinutes,
      },
      { parent: this },
    );

    this.exports = {
      region: args.aws.region,
      vpcId: network.vpcId,
      vpcCidrBlock: network.cidrBlock,
      privateSubnetIds: network.privateSubnetIds,
      availabilityZones: [...args.network.availabilityZones],
      endpointSecurityGroupId: network.endpointSecurityGroupId,
      dedicatedCidrPool: network.dedicatedCidrPool,
      transitGatewayId: network.hub.transitGatewayId,
      transitGatewayTenantRouteTableId: network.hub.tenantRouteTableId,
      transitGatewaySharedRouteTableId: network.hub.sharedRouteTableId,
      internetEgress: network.internetEgress,
      authorizerFunctionName: authorizer.functionName,
      authorizerFunctionArn: authorizer.functionArn,
      authorizerInvokeArn: authorizer.invokeArn,
      authorizerCacheTtlSeconds: args.authorizerCacheTtlSeconds,
      ledgerAddress: ledger.address,
      ledgerPort: ledger.port,
      ledgerDatabaseName: ledger.databaseName,
      ledgerSecurityGroupId: ledger.securityGroupId,
      ledgerClientsSecurityGroupId: ledger.clientsSecurityGroupId,
      ledgerAdminFunctionName: ledgerAdmin.functionName,
      ledgerAdminRoleArn: ledgerAdmin.roleArn,
      ledgerAdminCodeSha256: ledgerAdmin.codeSha256,
      domainName: domain?.domainName ?? "",
      platformKeyArn: key.keyArn,
    };
    this.registerOutputs({ ...this.exports });
  }
}
