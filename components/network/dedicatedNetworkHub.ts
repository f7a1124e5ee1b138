import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SiloError } from "../../runtime/core/errors/siloError.ts";
import { sharedResourceNamesOf } from "../common/resourceNames.ts";

/** Arguments of {@link DedicatedNetworkHub}. */
export interface DedicatedNetworkHubArgs {
  /** The shared VPC, attached to the Transit Gateway. */
  readonly vpcId: pulumi.Input<string>;
  /** Its private subnets, one per Availability Zone (one attachment interface each). */
  readonly subnetIds: pulumi.Input<string[]>;
  /**
   * Its private route tables, one per private subnet: each gets one route to the whole pool, whatever the
   * number of tenants.
   */
  readonly routeTableIds: pulumi.Output<string[]>;
  /** How many private route tables there are (one per Availability Zone), known before deployment. */
  readonly routeTableCount: number;
  /** The address range every dedicated tenant VPC is carved from (`silo:dedicatedCidrPool`). */
  readonly dedicatedCidrPool: string;
  /**
   * The stack's environment qualifier, carried by every physical name (components/common/resourceNames.ts).
   * @default none: the unqualified names
   */
  readonly environmentQualifier?: string;
}

/**
 * The hub dedicated tenant VPCs reach the shared VPC (and its ledger) through: one Transit Gateway instead
 * of one VPC peering per tenant (50 peerings per VPC and 50 routes per route table by default).
 *
 * Default route table association and propagation are off, so nothing routes unless wired here:
 * - the `tenants` route table: every tenant attachment is associated with it; its only route is the shared
 *   VPC's CIDR (propagated from the shared attachment), so no tenant can reach another tenant;
 * - the `shared` route table: the shared attachment is associated with it; each tenant attachment
 *   propagates its own CIDR into it, so the shared VPC can answer every tenant;
 * - each shared private route table routes the whole pool to the Transit Gateway with one route.
 */
export class DedicatedNetworkHub extends pulumi.ComponentResource {
  readonly transitGatewayId: pulumi.Output<string>;
  /** The route table tenant attachments are associated with. */
  readonly tenantRouteTableId: pulumi.Output<string>;
  /** The route table tenant attachments propagate their CIDR into. */
  readonly sharedRouteTableId: pulumi.Output<string>;

  constructor(name: string, args: DedicatedNetworkHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:DedicatedNetworkHub", name, {}, opts);
    const sharedResourceNames = sharedResourceNamesOf(args.environmentQualifier);

    const transitGateway = new aws.ec2transitgateway.TransitGateway(
      `${name}-tgw`,
      {
        description: "Dedicated tenant VPCs to the shared VPC; tenants cannot reach one another",
        defaultRouteTableAssociation: "disable",
        defaultRouteTablePropagation: "disable",
        autoAcceptSharedAttachments: "disable",
        dnsSupport: "enable",
        // No longer needed (the ledger admits the dedicated pool by CIDR, see UsageLedger); left on, as
        // turning it off changes every live attachment.
        securityGroupReferencingSupport: "enable",
        tags: { Name: sharedResourceNames.transitGateway },
      },
      { parent: this },
    );
    const routeTable = (suffix: string) =>
      new aws.ec2transitgateway.RouteTable(
        `${name}-${suffix}`,
        {
          transitGatewayId: transitGateway.id,
          tags: { Name: `${sharedResourceNames.transitGateway}-${suffix}` },
        },
        { parent: this },
      );
    const tenantRouteTable = routeTable("tenants");
    const sharedRouteTable = routeTable("shared");
    const attachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-shared-vpc`,
      {
        transitGatewayId: transitGateway.id,
        vpcId: args.vpcId,
        subnetIds: args.subnetIds,
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        securityGroupReferencingSupport: "enable",
        tags: { Name: `${sharedResourceNames.transitGateway}-shared-vpc` },
      },
      { parent: this },
    );
    new aws.ec2transitgateway.RouteTableAssociation(
      `${name}-shared-vpc`,
      { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: sharedRouteTable.id },
      { parent: this },
    );
    new aws.ec2transitgateway.RouteTablePropagation(
      `${name}-shared-vpc-to-tenants`,
      { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: tenantRouteTable.id },
      { parent: this },
    );
    // One route per shared route table for the whole pool: the count stays constant as tenants are added.
    const routeTableIds = args.routeTableIds.apply((ids) => {
      if (ids.length !== args.routeTableCount) {
        throw new SiloError(
          "SHARED_NETWORK_INVALID",
          `expected ${args.routeTableCount} private route tables in the shared VPC (one per Availability Zone), found ${ids.length}: ${ids.join(", ")}`,
        );
      }
      return ids;
    });
    for (let index = 0; index < args.routeTableCount; index++) {
      new aws.ec2.Route(
        `${name}-pool-${index + 1}`,
        {
          routeTableId: routeTableIds.apply((ids) => ids[index] ?? ""),
          destinationCidrBlock: args.dedicatedCidrPool,
          transitGatewayId: transitGateway.id,
        },
        { parent: this, dependsOn: [attachment] },
      );
    }

    this.transitGatewayId = transitGateway.id;
    this.tenantRouteTableId = tenantRouteTable.id;
    this.sharedRouteTableId = sharedRouteTable.id;
    this.registerOutputs({
      transitGatewayId: this.transitGatewayId,
      tenantRouteTableId: this.tenantRouteTableId,
      sharedRouteTableId: this.sharedRouteTableId,
    });
  }
}
