import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../common/awsContext.ts";
import { tenantResourceNames } from "../common/resourceNames.ts";
import type { SharedEdgeOutputs } from "../common/sharedEdgeOutputs.ts";
import {
  endpointServiceName,
  interfaceEndpointPolicy,
  interfaceEndpointServices,
} from "./interfaceEndpoints.ts";
import type { TenantNetworkPlan } from "./tenantNetworkPlan.ts";

/** Arguments of {@link TenantNetwork}. */
export interface TenantNetworkArgs {
  readonly tenantId: string;
  /** The account and Region: endpoint service names, and endpoint policies limited to the account. */
  readonly aws: AwsContext;
  /** Shared or dedicated, from tenantNetworkPlan. */
  readonly plan: TenantNetworkPlan;
  readonly shared: Pick<
    SharedEdgeOutputs,
    | "vpcId"
    | "vpcCidrBlock"
    | "privateSubnetIds"
    | "transitGatewayId"
    | "transitGatewayTenantRouteTableId"
    | "transitGatewaySharedRouteTableId"
    | "endpointSecurityGroupId"
    | "ledgerSecurityGroupId"
    | "ledgerClientsSecurityGroupId"
  >;
}

const postgresPort = 5432;
const httpsPort = 443;

/**
 * Where the tenant's Lambdas and database run, and who may talk to whom:
 * - the tenant's Lambda security group may reach only its own database, the usage ledger and the VPC
 *   endpoints over HTTPS (and the internet over HTTPS only when an openai-compatible model needs it);
 * - its database security group admits Postgres from that Lambda security group and nothing else;
 * - the Lambdas reach the shared ledger as members of its "ledger clients" group on the shared network, or,
 *   from a dedicated VPC, through the ledger's one rule for the whole dedicated CIDR pool: the tenant stack
 *   adds no rule to the ledger's group either way;
 * For `network: dedicated` the tenant also gets a VPC of its own with isolated subnets, its own interface
 * endpoints, and an attachment to the shared Transit Gateway used only to reach the ledger (no peering: the
 * hub's route tables let a tenant reach the shared VPC and nothing else).
 */
export class TenantNetwork extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly subnetIds: pulumi.Output<string[]>;
  readonly lambdaSecurityGroupId: pulumi.Output<string>;
  /** The groups the tenant's Lambdas join: their own, and on the shared network the ledger clients group. */
  readonly lambdaSecurityGroupIds: pulumi.Output<string[]>;
  readonly databaseSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: TenantNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantNetwork", name, {}, opts);

    const names = tenantResourceNames(args.tenantId, args.aws.environmentQualifier);
    const dedicated = args.plan.kind === "dedicated" ? this.dedicatedVpc(name, args, args.plan) : undefined;
    this.vpcId = dedicated?.vpcId ?? pulumi.output(args.shared.vpcId);
    this.subnetIds = dedicated?.subnetIds ?? pulumi.output([...args.shared.privateSubnetIds]);
    const endpointSecurityGroupId = dedicated?.endpointSecurityGroupId ?? args.shared.endpointSecurityGroupId;

    // Group and rule descriptions take only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=;{}!$* (no apostrophe):
    // `silo plan` checks them (runtime/plan/nameLimits/awsNameLimits.ts).
    const securityGroup = (suffix: string, groupName: string, description: string) =>
      new aws.ec2.SecurityGroup(
        `${name}-${suffix}`,
        { name: groupName, description, vpcId: this.vpcId, revokeRulesOnDelete: true },
        { parent: this, dependsOn: dedicated?.attachment ? [dedicated.attachment] : [] },
      );
    const lambdaGroup = securityGroup(
      "lambda",
      names.lambdaSecurityGroup,
      `Lambdas of tenant ${args.tenantId}: its database, the ledger, VPC endpoints`,
    );
    const databaseGroup = securityGroup(
      "db",
      names.databaseSecurityGroup,
      `Database of tenant ${args.tenantId}: Postgres from the Lambdas of the tenant only`,
    );
    const ingress = (suffix: string, rule: aws.vpc.SecurityGroupIngressRuleArgs) =>
      new aws.vpc.SecurityGroupIngressRule(`${name}-${suffix}`, rule, { parent: this });
    const egress = (suffix: string, rule: aws.vpc.SecurityGroupEgressRuleArgs) =>
      new aws.vpc.SecurityGroupEgressRule(`${name}-${suffix}`, rule, { parent: this });
    const tcp = (port: number) => ({ ipProtocol: "tcp", fromPort: port, toPort: port });

    ingress("db-from-lambda", {
      securityGroupId: databaseGroup.id,
      description: "Postgres from the Lambdas of the tenant",
      ...tcp(postgresPort),
      referencedSecurityGroupId: lambdaGroup.id,
    });
    egress("lambda-to-db", {
      securityGroupId: lambdaGroup.id,
      description: "Postgres to the database of the tenant",
      ...tcp(postgresPort),
      referencedSecurityGroupId: databaseGroup.id,
    });
    // A dedicated VPC's Lambdas cannot name a group of the shared VPC: they address the shared VPC, where
    // the ledger admits the whole dedicated pool with one rule of its own (UsageLedger), none per tenant.
    egress(
      "lambda-to-ledger",
      dedicated === undefined
        ? {
            securityGroupId: lambdaGroup.id,
            description: "Postgres to the usage ledger",
            ...tcp(postgresPort),
            referencedSecurityGroupId: args.shared.ledgerSecurityGroupId,
          }
        : {
            securityGroupId: lambdaGroup.id,
            description: "Postgres to the usage ledger, in the shared VPC through the Transit Gateway",
            ...tcp(postgresPort),
            cidrIpv4: args.shared.vpcCidrBlock,
          },
    );
    egress("lambda-to-endpoints", {
      securityGroupId: lambdaGroup.id,
      description: "HTTPS to the VPC interface endpoints",
      ...tcp(httpsPort),
      referencedSecurityGroupId: endpointSecurityGroupId,
    });
    if (args.plan.internetEgress) {
      egress("lambda-to-internet", {
        securityGroupId: lambdaGroup.id,
        description: "HTTPS to the openai-compatible model endpoints of the tenant, through NAT",
        ...tcp(httpsPort),
        cidrIpv4: "0.0.0.0/0",
      });
    }

    this.lambdaSecurityGroupId = lambdaGroup.id;
    this.lambdaSecurityGroupIds =
      dedicated === undefined
        ? pulumi.all([lambdaGroup.id, args.shared.ledgerClientsSecurityGroupId])
        : pulumi.all([lambdaGroup.id]);
    this.databaseSecurityGroupId = databaseGroup.id;
    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      lambdaSecurityGroupId: this.lambdaSecurityGroupId,
      databaseSecurityGroupId: this.databaseSecurityGroupId,
    });
  }

  /** The tenant's own VPC: isolated subnets, interface endpoints, and its Transit Gateway attachment. */
  private dedicatedVpc(
    name: string,
    args: TenantNetworkArgs,
    plan: Extract<TenantNetworkPlan, { kind: "dedicated" }>,
  ) {
    const names = tenantResourceNames(args.tenantId, args.aws.environmentQualifier);
    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: plan.vpcCidrBlock,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: names.prefix },
      },
      { parent: this },
    );
    const routeTable = new aws.ec2.RouteTable(
      `${name}-routes`,
      { vpcId: vpc.id, tags: { Name: `${names.prefix}-private` } },
      { parent: this },
    );
    const subnets = plan.subnets.map((subnet, index) => {
      const resource = new aws.ec2.Subnet(
        `${name}-private-${index + 1}`,
        {
          vpcId: vpc.id,
          cidrBlock: subnet.cidrBlock,
          availabilityZone: subnet.availabilityZone,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${names.prefix}-private-${subnet.availabilityZone}` },
        },
        { parent: this },
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${index + 1}`,
        { subnetId: resource.id, routeTableId: routeTable.id },
        { parent: this },
      );
      return resource;
    });

    // Default association and propagation are off on the Transit Gateway: this attachment is associated
    // with the tenants' route table (whose only route is the shared VPC) and propagates its CIDR into the
    // shared VPC's, so it reaches the shared VPC and no other tenant.
    const attachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-hub`,
      {
        transitGatewayId: args.shared.transitGatewayId,
        vpcId: vpc.id,
        subnetIds: subnets.map((subnet) => subnet.id),
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        securityGroupReferencingSupport: "enable",
        tags: { Name: `${names.prefix}-to-shared` },
      },
      { parent: this },
    );
    new aws.ec2transitgateway.RouteTableAssociation(
      `${name}-hub`,
      {
        transitGatewayAttachmentId: attachment.id,
        transitGatewayRouteTableId: args.shared.transitGatewayTenantRouteTableId,
      },
      { parent: this },
    );
    new aws.ec2transitgateway.RouteTablePropagation(
      `${name}-hub-to-shared`,
      {
        transitGatewayAttachmentId: attachment.id,
        transitGatewayRouteTableId: args.shared.transitGatewaySharedRouteTableId,
      },
      { parent: this },
    );
    new aws.ec2.Route(
      `${name}-to-shared`,
      {
        routeTableId: routeTable.id,
        destinationCidrBlock: args.shared.vpcCidrBlock,
        transitGatewayId: args.shared.transitGatewayId,
      },
      { parent: this, dependsOn: [attachment] },
    );

    const endpointGroup = new aws.ec2.SecurityGroup(
      `${name}-endpoints`,
      {
        name: names.endpointSecurityGroup,
        description: `Interface endpoints of the VPC of tenant ${args.tenantId}: HTTPS from the VPC only`,
        vpcId: vpc.id,
        revokeRulesOnDelete: true,
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-endpoints-https`,
      {
        securityGroupId: endpointGroup.id,
        description: "HTTPS from the tenant VPC",
        ipProtocol: "tcp",
        fromPort: httpsPort,
        toPort: httpsPort,
        cidrIpv4: plan.vpcCidrBlock,
      },
      { parent: this },
    );
    const subnetIds = pulumi.all(subnets.map((subnet) => subnet.id));
    for (const service of interfaceEndpointServices) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          vpcId: vpc.id,
          serviceName: endpointServiceName(args.aws.region, service),
          policy: JSON.stringify(interfaceEndpointPolicy(args.aws, service)),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds,
          securityGroupIds: [endpointGroup.id],
        },
        { parent: this },
      );
    }
    return { vpcId: vpc.id, subnetIds, endpointSecurityGroupId: endpointGroup.id, attachment };
  }
}
