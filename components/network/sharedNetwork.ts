import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../common/awsContext.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";
import { DedicatedNetworkHub } from "./dedicatedNetworkHub.ts";
import {
  endpointServiceName,
  interfaceEndpointPolicy,
  interfaceEndpointServices,
} from "./interfaceEndpoints.ts";

/** How the shared private subnets reach the internet. */
export type NatGatewayStrategy = "none" | "single" | "onePerAz";

/** Arguments of {@link SharedNetwork}. */
export interface SharedNetworkArgs {
  /** The account and Region: endpoint service names, and endpoint policies limited to the account. */
  readonly aws: AwsContext;
  /** The VPC's address range. */
  readonly cidrBlock: string;
  /** One private subnet per zone. */
  readonly availabilityZones: readonly string[];
  /**
   * `none` keeps the private subnets isolated (AWS services through the interface endpoints only);
   * `single`/`onePerAz` add public subnets and NAT for tenants whose models are called over the internet.
   * @default "none"
   */
  readonly natGateways?: NatGatewayStrategy;
  /**
   * The address range dedicated tenant VPCs are carved from (`silo:dedicatedCidrPool`); the shared route
   * tables route it to the Transit Gateway with one route each.
   */
  readonly dedicatedCidrPool: string;
}

/**
 * The shared VPC (awsx, the kit's only awsx use) with one private subnet per Availability Zone, and interface
 * endpoints for Secrets Manager, Bedrock Runtime, KMS and CloudWatch Logs with private DNS, so Lambdas in the
 * private subnets reach those services without NAT. The endpoints accept HTTPS from the VPC only. Dedicated
 * tenant VPCs reach it through one Transit Gateway ({@link DedicatedNetworkHub}).
 */
export class SharedNetwork extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly cidrBlock: string;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly privateRouteTableIds: pulumi.Output<string[]>;
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  readonly internetEgress: boolean;
  readonly dedicatedCidrPool: string;
  /** The Transit Gateway dedicated tenant VPCs attach to. */
  readonly hub: DedicatedNetworkHub;

  constructor(name: string, args: SharedNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:SharedNetwork", name, {}, opts);
    const sharedResourceNames = sharedResourceNamesOf(args.aws.environmentQualifier);

    const nat = args.natGateways ?? "none";
    this.internetEgress = nat !== "none";
    this.cidrBlock = args.cidrBlock;
    // A remote (awsx) component gets only the providers passed to it explicitly, not its parent's: pass the
    // stack's AWS provider on, so the VPC's resources carry the default tags too.
    const awsProvider = this.getProvider("aws:ec2/vpc:Vpc");
    const vpc = new awsx.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.cidrBlock,
        availabilityZoneNames: [...args.availabilityZones],
        enableDnsHostnames: true,
        enableDnsSupport: true,
        subnetStrategy: "Auto",
        subnetSpecs: this.internetEgress
          ? [
              { type: "Private", name: "private" },
              { type: "Public", name: "public" },
            ]
          : [{ type: "Isolated", name: "private" }],
        natGateways: { strategy: nat === "none" ? "None" : nat === "single" ? "Single" : "OnePerAz" },
      },
      { parent: this, ...(awsProvider === undefined ? {} : { providers: { aws: awsProvider } }) },
    );
    this.vpcId = vpc.vpcId;
    this.privateSubnetIds = this.internetEgress ? vpc.privateSubnetIds : vpc.isolatedSubnetIds;
    // awsx returns route tables as resource references; their ids are read back by the private subnets
    // they serve, which also works under Pulumi's mocks and in the offline plan.
    this.privateRouteTableIds = aws.ec2
      .getRouteTablesOutput(
        { vpcId: vpc.vpcId, filters: [{ name: "association.subnet-id", values: this.privateSubnetIds }] },
        { parent: this },
      )
      .apply((tables) => [...tables.ids].sort());
    this.dedicatedCidrPool = args.dedicatedCidrPool;
    this.hub = new DedicatedNetworkHub(
      `${name}-hub`,
      {
        vpcId: vpc.vpcId,
        subnetIds: this.privateSubnetIds,
        routeTableIds: this.privateRouteTableIds,
        routeTableCount: args.availabilityZones.length,
        dedicatedCidrPool: args.dedicatedCidrPool,
        environmentQualifier: args.aws.environmentQualifier,
      },
      { parent: this },
    );

    const endpointSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-endpoints`,
      {
        name: sharedResourceNames.endpointSecurityGroup,
        description: "Interface endpoints of the shared VPC: HTTPS from the VPC only",
        vpcId: vpc.vpcId,
        revokeRulesOnDelete: true,
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-endpoints-https`,
      {
        securityGroupId: endpointSecurityGroup.id,
        description: "HTTPS from the shared VPC",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: args.cidrBlock,
      },
      { parent: this },
    );
    for (const service of interfaceEndpointServices) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          vpcId: vpc.vpcId,
          serviceName: endpointServiceName(args.aws.region, service),
          policy: JSON.stringify(interfaceEndpointPolicy(args.aws, service)),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: this.privateSubnetIds,
          securityGroupIds: [endpointSecurityGroup.id],
        },
        { parent: this },
      );
    }
    this.endpointSecurityGroupId = endpointSecurityGroup.id;

    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      privateRouteTableIds: this.privateRouteTableIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
    });
  }
}
