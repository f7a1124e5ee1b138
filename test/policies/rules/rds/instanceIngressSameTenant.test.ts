import { describe, expect, it } from "vitest";
import { instanceIngressSameTenant } from "../../../../policies/rules/rds/instanceIngressSameTenant.ts";
import type { PolicyEngineResource } from "../../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import { stackViolationsOf, tenantProvider, testResource } from "../../support/evaluateRule.ts";
import { databaseStack } from "./databaseStack.ts";

const pool = "10.16.0.0/12";

/**
 * The shared edge's ledger as components/ledger/usageLedger.ts builds it, reduced to what the rule reads: a
 * Transit Gateway the stack routes the dedicated pool to, and the ledger group's rule for that pool.
 */
function ledgerStack(
  change: {
    readonly rule?: Record<string, unknown>;
    readonly tenant?: string;
    readonly ownGateway?: boolean;
  } = {},
): PolicyEngineResource[] {
  const provider = tenantProvider(change.tenant ?? "shared");
  const gateway = testResource({
    type: "aws:ec2transitgateway/transitGateway:TransitGateway",
    name: "hub-tgw",
    providerUrn: provider.urn,
  });
  const route = testResource({
    type: "aws:ec2/route:Route",
    name: "hub-pool-1",
    inputs: { routeTableId: "rtb-0shared", destinationCidrBlock: pool, transitGatewayId: "hub-tgw-id" },
    dependencies: change.ownGateway === false ? [] : [gateway.urn],
    providerUrn: provider.urn,
  });
  const group = testResource({
    type: "aws:ec2/securityGroup:SecurityGroup",
    name: "ledger-sg",
    inputs: { name: "silo-shared-ledger", vpcId: "vpc-0shared" },
    providerUrn: provider.urn,
  });
  const rule = testResource({
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    name: "ledger-from-dedicated-pool",
    inputs: {
      securityGroupId: "ledger-sg-id",
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
      cidrIpv4: pool,
      ...change.rule,
    },
    dependencies: [group.urn],
    providerUrn: provider.urn,
  });
  const instance = testResource({
    type: "aws:rds/instance:Instance",
    name: "ledger-db",
    inputs: { identifier: "silo-shared-ledger", engine: "postgres", vpcSecurityGroupIds: ["ledger-sg-id"] },
    dependencies: [group.urn],
    providerUrn: provider.urn,
  });
  return [provider, gateway, route, group, rule, instance];
}

const databaseGroupUrn = "urn:pulumi:test::silo-kit::aws:ec2/securityGroup:SecurityGroup::network-db";
const where = "ingress rule network-db-from-lambda of database security group silo-globex-db";

describe("instanceIngressSameTenant", () => {
  it("passes a database group open only to the tenant's Lambda group", async () => {
    // Act
    const violations = await stackViolationsOf(instanceIngressSameTenant, databaseStack());

    // Assess
    expect(violations).toEqual([]);
  });

  it.each([
    [
      { referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0" },
      `${where} admits "0.0.0.0/0"; admit only the tenant's Lambda security group (referencedSecurityGroupId).`,
    ],
    [
      { referencedSecurityGroupId: undefined, cidrIpv4: "10.0.0.0/16" },
      `${where} admits "10.0.0.0/16"; admit only the tenant's Lambda security group (referencedSecurityGroupId).`,
    ],
    [
      { referencedSecurityGroupId: undefined, prefixListId: "pl-0abc" },
      `${where} admits "pl-0abc"; admit only the tenant's Lambda security group (referencedSecurityGroupId).`,
    ],
  ])("reports an ingress rule with %j", async (ingress, message) => {
    // Act
    const violations = await stackViolationsOf(instanceIngressSameTenant, databaseStack({ ingress }));

    // Assess
    expect(violations).toEqual([["network-db-from-lambda", message]]);
  });

  it("reports a source group of another tenant", async () => {
    // Act
    const violations = await stackViolationsOf(
      instanceIngressSameTenant,
      databaseStack({ lambdaGroupTenant: "initech" }),
    );

    // Assess
    expect(violations).toEqual([
      [
        "network-db-from-lambda",
        `${where} admits security group silo-globex-lambda of tenant "initech", not "globex"; admit only the tenant's own Lambda security group.`,
      ],
    ]);
  });

  it.each([
    ["a Lambda group tagged another tenant", { lambdaGroupTenant: "initech" }],
    ["an untagged database group", { databaseGroup: { tags: { "silo:tenant": "" } } }],
  ])("judges both groups by the stack name in stack tenant-globex: passes %s", async (_case, change) => {
    // Prepare
    const inTenantStack = JSON.parse(
      JSON.stringify(databaseStack(change)).replaceAll("urn:pulumi:test::", "urn:pulumi:tenant-globex::"),
    );

    // Act
    const violations = await stackViolationsOf(instanceIngressSameTenant, inTenantStack);

    // Assess
    expect(violations).toEqual([]);
  });

  it("reports a source group from outside the stack", async () => {
    // Act
    const violations = await stackViolationsOf(
      instanceIngressSameTenant,
      databaseStack({
        ingress: { referencedSecurityGroupId: "sg-0foreign" },
        ingressDependencies: [databaseGroupUrn],
      }),
    );

    // Assess
    expect(violations).toEqual([
      [
        "network-db-from-lambda",
        `${where} admits referencedSecurityGroupId "sg-0foreign", which is not a security group of this stack; admit only the tenant's Lambda security group.`,
      ],
    ]);
  });

  it("reports address ranges in the group's inline ingress", async () => {
    // Act
    const violations = await stackViolationsOf(
      instanceIngressSameTenant,
      databaseStack({ databaseGroup: { ingress: [{ protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] } }),
    );

    // Assess
    expect(violations).toEqual([
      [
        "network-db",
        'database security group silo-globex-db admits ["0.0.0.0/0"] inline; remove the addresses and admit only the tenant\'s Lambda security group.',
      ],
    ]);
  });

  it("reports an EC2 security group rule that opens the database group", async () => {
    // Prepare
    const provider = tenantProvider("globex");
    const rule = testResource({
      type: "aws:ec2/securityGroupRule:SecurityGroupRule",
      name: "db-open",
      inputs: {
        type: "ingress",
        securityGroupId: "network-db-id",
        cidrBlocks: ["0.0.0.0/0"],
        fromPort: 5432,
      },
      dependencies: [databaseGroupUrn],
      providerUrn: provider.urn,
    });

    // Act
    const violations = await stackViolationsOf(instanceIngressSameTenant, [...databaseStack(), rule]);

    // Assess
    expect(violations).toEqual([
      [
        "db-open",
        'ingress rule db-open of database security group silo-globex-db admits ["0.0.0.0/0"]; admit only the tenant\'s Lambda security group (sourceSecurityGroupId).',
      ],
    ]);
  });

  it("reports an instance without security groups", async () => {
    // Act
    const violations = await stackViolationsOf(
      instanceIngressSameTenant,
      databaseStack({ instance: { vpcSecurityGroupIds: undefined } }),
    );

    // Assess
    expect(violations).toEqual([
      [
        "db-instance",
        "vpcSecurityGroupIds is not set, so the VPC's default security group applies; give the instance the tenant's database security group.",
      ],
    ]);
  });

  it("reports security groups from outside the stack", async () => {
    // Act
    const violations = await stackViolationsOf(
      instanceIngressSameTenant,
      databaseStack({
        instance: { vpcSecurityGroupIds: ["sg-0elsewhere"] },
        instanceDependencies: { vpcSecurityGroupIds: [] },
      }),
    );

    // Assess
    expect(violations).toEqual([
      [
        "db-instance",
        'vpcSecurityGroupIds ["sg-0elsewhere"] are not security groups of this stack, so what they admit cannot be checked; create the database security group in the tenant\'s stack.',
      ],
    ]);
  });

  describe("the shared ledger's dedicated pool", () => {
    const poolWhere = "ingress rule ledger-from-dedicated-pool of database security group silo-shared-ledger";
    const refused = (addresses: string) =>
      `${poolWhere} admits ${addresses}; admit only the tenant's Lambda security group (referencedSecurityGroupId).`;

    it("passes the ledger admitting the pool its stack routes to its own Transit Gateway, on Postgres only", async () => {
      // Act
      const violations = await stackViolationsOf(instanceIngressSameTenant, ledgerStack());

      // Assess
      expect(violations).toEqual([]);
    });

    it.each([
      ["another range", { rule: { cidrIpv4: "10.0.0.0/8" } }, '"10.0.0.0/8"'],
      ["another port", { rule: { fromPort: 0, toPort: 65_535 } }, `"${pool}"`],
      ["every protocol", { rule: { ipProtocol: "-1" } }, `"${pool}"`],
      ["a tenant's database", { tenant: "globex" }, `"${pool}"`],
      ["a pool routed to a gateway of another stack", { ownGateway: false }, `"${pool}"`],
    ])("reports %s", async (_case, change, addresses) => {
      // Act
      const violations = await stackViolationsOf(instanceIngressSameTenant, ledgerStack(change));

      // Assess
      expect(violations).toEqual([["ledger-from-dedicated-pool", refused(addresses)]]);
    });
  });
});
