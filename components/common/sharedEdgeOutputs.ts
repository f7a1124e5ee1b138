/**
 * What the shared stack exports and every tenant stack reads through its StackReference: the contract
 * between the two. Values are plain (read once at the start of the tenant program), so tenant resources can
 * be laid out from them, e.g. a dedicated VPC's Transit Gateway attachment.
 */
export interface SharedEdgeOutputs {
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly privateSubnetIds: readonly string[];
  readonly availabilityZones: readonly string[];
  /** Security group of the shared VPC's interface endpoints. */
  readonly endpointSecurityGroupId: string;
  /** The address range every dedicated tenant VPC must lie in (routed to the Transit Gateway as one block). */
  readonly dedicatedCidrPool: string;
  /** The Transit Gateway dedicated tenant VPCs attach to. */
  readonly transitGatewayId: string;
  /** The Transit Gateway route table a tenant attachment is associated with (routes to the shared VPC only). */
  readonly transitGatewayTenantRouteTableId: string;
  /** The Transit Gateway route table a tenant attachment propagates its CIDR into (the shared VPC's). */
  readonly transitGatewaySharedRouteTableId: string;
  /** Whether the private subnets reach the internet through NAT. */
  readonly internetEgress: boolean;
  readonly authorizerFunctionName: string;
  readonly authorizerFunctionArn: string;
  readonly authorizerInvokeArn: string;
  /** How long API Gateway caches an authorizer decision; 0 turns caching off. */
  readonly authorizerCacheTtlSeconds: number;
  readonly ledgerAddress: string;
  readonly ledgerPort: number;
  readonly ledgerDatabaseName: string;
  readonly ledgerSecurityGroupId: string;
  /** The group tenant Lambdas on the shared network join to reach the ledger. */
  readonly ledgerClientsSecurityGroupId: string;
  readonly ledgerAdminFunctionName: string;
  readonly ledgerAdminRoleArn: string;
  /** Changes when the ledger-admin code (and so possibly the ledger schema) changes. */
  readonly ledgerAdminCodeSha256: string;
  /** The shared custom domain, or "" when the tenant APIs are reached on their own endpoints. */
  readonly domainName: string;
  readonly platformKeyArn: string;
}
