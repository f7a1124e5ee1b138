import type { SharedEdgeOutputs } from "../../../components/common/sharedEdgeOutputs.ts";
import { mockAccountId, mockRegion } from "../../../runtime/plan/mockOutputs.ts";

/** Outputs of a deployed shared stack, as a tenant stack's StackReference would read them. */
export const sharedOutputsFixture: SharedEdgeOutputs = {
  region: mockRegion,
  vpcId: "vpc-0shared",
  vpcCidrBlock: "10.0.0.0/16",
  privateSubnetIds: ["subnet-0shared-a", "subnet-0shared-b"],
  availabilityZones: ["us-east-1a", "us-east-1b"],
  endpointSecurityGroupId: "sg-0endpoints",
  dedicatedCidrPool: "10.16.0.0/12",
  transitGatewayId: "tgw-0hub",
  transitGatewayTenantRouteTableId: "tgw-rtb-0tenants",
  transitGatewaySharedRouteTableId: "tgw-rtb-0shared",
  internetEgress: true,
  authorizerFunctionName: "silo-edge-authorizer",
  authorizerFunctionArn: `arn:aws:lambda:${mockRegion}:${mockAccountId}:function:silo-edge-authorizer`,
  authorizerInvokeArn: `arn:aws:apigateway:${mockRegion}:lambda:path/2015-03-31/functions/arn:aws:lambda:${mockRegion}:${mockAccountId}:function:silo-edge-authorizer/invocations`,
  authorizerCacheTtlSeconds: 300,
  ledgerAddress: "silo-usage-ledger.c0abcdefghij.us-east-1.rds.amazonaws.com",
  ledgerPort: 5432,
  ledgerDatabaseName: "silo_ledger",
  ledgerSecurityGroupId: "sg-0ledger",
  ledgerClientsSecurityGroupId: "sg-0ledgerclients",
  ledgerAdminFunctionName: "silo-ledger-admin",
  ledgerAdminRoleArn: `arn:aws:iam::${mockAccountId}:role/silo-ledger-admin`,
  ledgerAdminCodeSha256: "a".repeat(64),
  domainName: "api.silo.example.com",
  platformKeyArn: `arn:aws:kms:${mockRegion}:${mockAccountId}:key/platform`,
};
