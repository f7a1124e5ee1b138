import type { PolicyEngineResource } from "../../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import { tenantProvider, testResource } from "../../support/evaluateRule.ts";

/** What a test changes in {@link databaseStack}: inputs merged over a resource's, or a resource's tenant. */
export interface DatabaseStackChange {
  readonly instance?: Record<string, unknown>;
  readonly instanceDependencies?: Readonly<Record<string, readonly string[]>>;
  readonly parameterGroup?: Record<string, unknown>;
  readonly databaseGroup?: Record<string, unknown>;
  readonly ingress?: Record<string, unknown>;
  readonly ingressDependencies?: readonly string[];
  /** The tenant whose provider creates the Lambda security group. */
  readonly lambdaGroupTenant?: string;
}

const type = {
  instance: "aws:rds/instance:Instance",
  parameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
};

/**
 * A tenant database as components/database/tenantDatabase.ts and tenantNetwork.ts build it: the instance, its
 * TLS-forcing parameter group, its security group open only to the tenant's Lambda security group.
 */
export function databaseStack(change: DatabaseStackChange = {}): PolicyEngineResource[] {
  const provider = tenantProvider("globex");
  const otherProvider = tenantProvider(change.lambdaGroupTenant ?? "globex");
  const parameterGroup = testResource({
    type: type.parameterGroup,
    name: "db-parameters",
    inputs: {
      name: "silo-globex-postgres",
      family: "postgres17",
      parameters: [{ name: "rds.force_ssl", value: "1" }],
      ...change.parameterGroup,
    },
    providerUrn: provider.urn,
  });
  const lambdaGroup = testResource({
    type: type.securityGroup,
    name: "network-lambda",
    inputs: { name: "silo-globex-lambda", vpcId: "vpc-0shared" },
    providerUrn: otherProvider.urn,
  });
  const databaseGroup = testResource({
    type: type.securityGroup,
    name: "network-db",
    inputs: { name: "silo-globex-db", vpcId: "vpc-0shared", ...change.databaseGroup },
    providerUrn: provider.urn,
  });
  const ingress = testResource({
    type: type.ingress,
    name: "network-db-from-lambda",
    inputs: {
      securityGroupId: "network-db-id",
      referencedSecurityGroupId: "network-lambda-id",
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
      ...change.ingress,
    },
    dependencies: change.ingressDependencies ?? [databaseGroup.urn, lambdaGroup.urn],
    providerUrn: provider.urn,
  });
  const instance = testResource({
    type: type.instance,
    name: "db-instance",
    inputs: {
      identifier: "silo-globex",
      engine: "postgres",
      parameterGroupName: "silo-globex-postgres",
      vpcSecurityGroupIds: ["network-db-id"],
      ...change.instance,
    },
    dependencies: [parameterGroup.urn, databaseGroup.urn],
    providerUrn: provider.urn,
    ...(change.instanceDependencies === undefined
      ? {}
      : { propertyDependencies: change.instanceDependencies }),
  });
  const providers = otherProvider.urn === provider.urn ? [provider] : [provider, otherProvider];
  return [...providers, parameterGroup, lambdaGroup, databaseGroup, ingress, instance];
}
