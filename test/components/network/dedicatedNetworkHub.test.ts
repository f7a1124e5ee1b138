import { beforeAll, describe, expect, it } from "vitest";
import { defaultDedicatedCidrPool } from "../../../components/network/tenantNetworkPlan.ts";
import { defaultTenantsDir } from "../../../runtime/core/tenants/defaultTenantsDir.ts";
import { loadTenantsOrThrow } from "../../../runtime/core/tenants/loadTenants.ts";
import { type PlannedStack, planStacks } from "../../../runtime/plan/planStacks.ts";
import type { RecordedResource } from "../../../runtime/plan/pulumiRecording.ts";
import type { TenantConfig } from "../../../tenants/schema.ts";

// The shared stack and a fleet of dedicated-network tenants, planned as `silo plan` does (under Pulumi's
// mocks), once with one dedicated tenant and once with four: the hub must not grow with the fleet.
const examples = await loadTenantsOrThrow();
const dedicatedExample = examples.find((tenant) => tenant.network === "dedicated") as TenantConfig;
const tenantCidrs = ["10.20.0.0/16", "10.21.0.0/16", "10.22.0.0/16", "10.23.0.0/16"];
const fleet = tenantCidrs.map((_, index) => ({ ...dedicatedExample, id: `vault-${index + 1}` }));

async function plan(tenants: readonly TenantConfig[]): Promise<readonly PlannedStack[]> {
  const stackNames = ["shared", ...tenants.map((tenant) => `tenant-${tenant.id}`)];
  const report = await planStacks({
    targets: stackNames.map((stackName) => ({ stackName, program: { kind: "project" }, source: stackName })),
    tenants,
    tenantsDir: defaultTenantsDir(),
    stackFiles: Object.fromEntries(
      tenants.map((tenant, index) => [`tenant-${tenant.id}`, { "silo:vpcCidr": tenantCidrs[index] ?? "" }]),
    ),
  });
  return report.stacks;
}

let oneTenant: readonly PlannedStack[];
let fourTenants: readonly PlannedStack[];

beforeAll(async () => {
  oneTenant = await plan(fleet.slice(0, 1));
  fourTenants = await plan(fleet);
}, 240_000);

const ofType = (stack: PlannedStack | undefined, type: string): RecordedResource[] =>
  stack?.resources.filter((resource) => resource.type === type) ?? [];
const stackNamed = (stacks: readonly PlannedStack[], name: string) =>
  stacks.find((stack) => stack.name === name);
const all = (stacks: readonly PlannedStack[], type: string) => stacks.flatMap((stack) => ofType(stack, type));

describe("dedicated networks through the Transit Gateway", () => {
  it("creates no VPC peering and one attachment per dedicated tenant", () => {
    // Act
    const peerings = all(fourTenants, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    const attachments = fleet.map((tenant) =>
      ofType(
        stackNamed(fourTenants, `tenant-${tenant.id}`),
        "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
      ),
    );

    // Assess
    expect(peerings).toEqual([]);
    for (const tenantAttachments of attachments) {
      expect(tenantAttachments).toHaveLength(1);
      expect(tenantAttachments[0]?.inputs).toMatchObject({
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
      });
    }
  });

  it("keeps the shared stack's routes and rules constant whatever the number of tenants", () => {
    // Act
    const sharedOf = (stacks: readonly PlannedStack[]) => stackNamed(stacks, "shared");
    const routes = (stacks: readonly PlannedStack[]) => ofType(sharedOf(stacks), "aws:ec2/route:Route");
    const ingress = (stacks: readonly PlannedStack[]) =>
      ofType(sharedOf(stacks), "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    const sharedLedgerGroup = stackNamed(fourTenants, "shared")?.resources.find(
      (resource) =>
        resource.type === "aws:ec2/securityGroup:SecurityGroup" && resource.name.endsWith("-ledger-sg"),
    );
    const ledgerRulesOfTenants = fourTenants
      .filter((stack) => stack.name !== "shared")
      .flatMap((stack) => ofType(stack, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"))
      .filter((rule) => rule.inputs.securityGroupId === `${sharedLedgerGroup?.name}-id`);

    // Assess
    expect(routes(fourTenants).length).toBe(routes(oneTenant).length);
    expect(routes(fourTenants).map((route) => route.inputs.destinationCidrBlock)).toEqual([
      defaultDedicatedCidrPool,
      defaultDedicatedCidrPool,
    ]);
    expect(ingress(fourTenants).length).toBe(ingress(oneTenant).length);
    // The ledger admits the whole dedicated pool with one rule of the shared stack; tenants add none.
    expect(ledgerRulesOfTenants).toEqual([]);
    expect(
      ingress(fourTenants)
        .filter((rule) => rule.inputs.securityGroupId === `${sharedLedgerGroup?.name}-id`)
        .map((rule) => rule.inputs.cidrIpv4 ?? rule.inputs.referencedSecurityGroupId)
        .sort(),
    ).toEqual([
      defaultDedicatedCidrPool,
      "silo-shared-ledger-admin-sg-id",
      "silo-shared-ledger-clients-sg-id",
    ]);
  });

  it("lets a tenant's attachment reach the shared VPC and no other tenant", () => {
    // Prepare
    const shared = stackNamed(fourTenants, "shared");
    const routeTables = ofType(shared, "aws:ec2transitgateway/routeTable:RouteTable");
    const tableId = (suffix: string) =>
      `${routeTables.find((table) => table.name.endsWith(`-${suffix}`))?.name}-id`;
    const sharedAttachment = ofType(shared, "aws:ec2transitgateway/vpcAttachment:VpcAttachment")[0];
    const tenantTable = tableId("tenants");
    const sharedTable = tableId("shared");

    // Act
    const associations = all(
      fourTenants,
      "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    );
    const propagations = all(
      fourTenants,
      "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    );
    const staticRoutes = all(fourTenants, "aws:ec2transitgateway/route:Route");
    const intoTenantTable = propagations.filter((p) => p.inputs.transitGatewayRouteTableId === tenantTable);
    const tenantAssociations = associations.filter(
      (a) => a.inputs.transitGatewayRouteTableId === tenantTable,
    );
    const intoSharedTable = propagations.filter((p) => p.inputs.transitGatewayRouteTableId === sharedTable);

    // Assess
    expect(
      shared?.resources.find((r) => r.type === "aws:ec2transitgateway/transitGateway:TransitGateway")?.inputs,
    ).toMatchObject({ defaultRouteTableAssociation: "disable", defaultRouteTablePropagation: "disable" });
    // The tenants' table learns only the shared VPC's CIDR: one propagation, the shared attachment's.
    expect(intoTenantTable.map((p) => p.inputs.transitGatewayAttachmentId)).toEqual([
      `${sharedAttachment?.name}-id`,
    ]);
    expect(staticRoutes).toEqual([]);
    expect(tenantAssociations).toHaveLength(fleet.length);
    expect(intoSharedTable).toHaveLength(fleet.length);
    for (const tenant of fleet) {
      const vpcRoutes = ofType(stackNamed(fourTenants, `tenant-${tenant.id}`), "aws:ec2/route:Route");
      expect(vpcRoutes.map((route) => route.inputs.destinationCidrBlock)).toEqual(["10.0.0.0/16"]);
    }
  });

  it("passes the policy pack", () => {
    // Assess
    expect(fourTenants.flatMap((stack) => stack.violations)).toEqual([]);
  });
});
