import * as aws from "@pulumi/aws";
import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import { referencedResources } from "../referencedResources.ts";
import type { SiloStackPolicy } from "../siloPolicy.ts";
import { resourceTenant } from "../stackOwner.ts";

const postgresPort = 5432;

/** The `silo:tenant` tag of the shared edge's resources (components/common/siloTags.ts). */
const sharedTenant = "shared";

function nonEmpty(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length > 0 ? JSON.stringify(value) : undefined;
  return typeof value === "string" && value !== "" ? JSON.stringify(value) : undefined;
}

function displayName(resource: PolicyResource): string {
  return typeof resource.props.name === "string" ? resource.props.name : resource.name;
}

/** An ingress rule on a database security group: where it admits traffic from. */
interface IngressSource {
  readonly rule: PolicyResource;
  /** CIDR blocks or prefix lists it admits, as JSON; undefined when it admits a security group. */
  readonly addresses: string | undefined;
  readonly self: boolean;
  /** The property naming the source security group, and its value. */
  readonly sourceProperty: string;
  readonly sourceValue: unknown;
}

function ingressSources(resources: readonly PolicyResource[], group: PolicyResource): IngressSource[] {
  const targets = (rule: PolicyResource) => referencedResources(rule, "securityGroupId").includes(group);
  return resources.flatMap((rule): IngressSource[] => {
    if (rule.isType(aws.vpc.SecurityGroupIngressRule) && targets(rule)) {
      const { cidrIpv4, cidrIpv6, prefixListId, referencedSecurityGroupId } = rule.props;
      return [
        {
          rule,
          addresses: nonEmpty(cidrIpv4) ?? nonEmpty(cidrIpv6) ?? nonEmpty(prefixListId),
          self:
            referencedSecurityGroupId !== undefined &&
            referencedSecurityGroupId === rule.props.securityGroupId,
          sourceProperty: "referencedSecurityGroupId",
          sourceValue: referencedSecurityGroupId,
        },
      ];
    }
    if (rule.isType(aws.ec2.SecurityGroupRule) && rule.props.type === "ingress" && targets(rule)) {
      const { cidrBlocks, ipv6CidrBlocks, prefixListIds, sourceSecurityGroupId } = rule.props;
      return [
        {
          rule,
          addresses: nonEmpty(cidrBlocks) ?? nonEmpty(ipv6CidrBlocks) ?? nonEmpty(prefixListIds),
          self: rule.props.self === true,
          sourceProperty: "sourceSecurityGroupId",
          sourceValue: sourceSecurityGroupId,
        },
      ];
    }
    return [];
  });
}

/**
 * The address ranges this stack routes to a Transit Gateway it creates itself: the shared stack's dedicated
 * CIDR pool (components/network/dedicatedNetworkHub.ts). A tenant stack routes to the shared stack's gateway,
 * which it does not create, so it has none.
 */
function poolsRoutedToOwnTransitGateway(resources: readonly PolicyResource[]): Set<string> {
  const pools = new Set<string>();
  for (const route of resources) {
    if (!route.isType(aws.ec2.Route) || typeof route.props.destinationCidrBlock !== "string") continue;
    const ownGateway = referencedResources(route, "transitGatewayId").some((candidate) =>
      candidate.isType(aws.ec2transitgateway.TransitGateway),
    );
    if (ownGateway) pools.add(route.props.destinationCidrBlock);
  }
  return pools;
}

/**
 * The one address range a database group may admit: on the shared edge's ledger, the dedicated pool the
 * stack routes to its own Transit Gateway, as a single IPv4 range on the database's port only (dedicated
 * tenant VPCs cannot join a group of the shared VPC; the ledger's per-tenant roles and row-level security
 * keep the tenants apart, and one rule for the pool keeps the group's rule count constant).
 */
function admitsDedicatedPool(
  source: IngressSource,
  group: PolicyResource,
  port: number,
  pools: ReadonlySet<string>,
): boolean {
  const { rule } = source;
  return (
    resourceTenant(group) === sharedTenant &&
    rule.isType(aws.vpc.SecurityGroupIngressRule) &&
    typeof rule.props.cidrIpv4 === "string" &&
    pools.has(rule.props.cidrIpv4) &&
    rule.props.cidrIpv6 === undefined &&
    rule.props.prefixListId === undefined &&
    rule.props.ipProtocol === "tcp" &&
    rule.props.fromPort === port &&
    rule.props.toPort === port
  );
}

function checkGroup(
  resources: readonly PolicyResource[],
  group: PolicyResource,
  port: number,
  reportViolation: ReportViolation,
): void {
  const pools = poolsRoutedToOwnTransitGateway(resources);
  const tenant = resourceTenant(group);
  const inline = (group.props.ingress ?? []) as readonly Record<string, unknown>[];
  for (const entry of inline) {
    const addresses =
      nonEmpty(entry.cidrBlocks) ?? nonEmpty(entry.ipv6CidrBlocks) ?? nonEmpty(entry.prefixListIds);
    if (addresses !== undefined) {
      reportViolation(
        `database security group ${displayName(group)} admits ${addresses} inline; remove the addresses and admit only the tenant's Lambda security group.`,
        group.urn,
      );
    }
  }
  for (const source of ingressSources(resources, group)) {
    const where = `ingress rule ${source.rule.name} of database security group ${displayName(group)}`;
    if (source.addresses !== undefined) {
      if (admitsDedicatedPool(source, group, port, pools)) continue;
      reportViolation(
        `${where} admits ${source.addresses}; admit only the tenant's Lambda security group (${source.sourceProperty}).`,
        source.rule.urn,
      );
      continue;
    }
    if (source.self) continue;
    const groups = referencedResources(source.rule, source.sourceProperty).filter(
      (candidate) => candidate.isType(aws.ec2.SecurityGroup) && candidate !== group,
    );
    if (groups.length === 0) {
      reportViolation(
        `${where} admits ${source.sourceProperty} ${JSON.stringify(source.sourceValue)}, which is not a security group of this stack; admit only the tenant's Lambda security group.`,
        source.rule.urn,
      );
    }
    for (const sourceGroup of groups) {
      const sourceTenant = resourceTenant(sourceGroup);
      if (sourceTenant !== tenant) {
        reportViolation(
          `${where} admits security group ${displayName(sourceGroup)} of tenant ${JSON.stringify(sourceTenant)}, not ${JSON.stringify(tenant)}; admit only the tenant's own Lambda security group.`,
          source.rule.urn,
        );
      }
    }
  }
}

/**
 * A tenant's database is reachable only from its own Lambdas: the instance's security groups admit no
 * address range (not even the VPC's), only security groups of the same stack and tenant. The tenant is the
 * stack's (`tenant-<id>`, policies/rules/stackOwner.ts), whatever the groups' tags say (a tag that
 * disagrees is silo-tagging-resources-tenant-tag's); only in a stack named neither `shared` nor
 * `tenant-<id>` are the `silo:tenant` tags compared. One exception, on the shared edge only: the usage
 * ledger admits the dedicated CIDR pool the shared stack routes to its own Transit Gateway, on the database
 * port (one rule for every dedicated tenant, see components/ledger/usageLedger.ts).
 *
 * Severity: critical. Controls: FSBP EC2.18; NIST 800-53 AC-4, SC-7, SC-7(5).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
 */
export const instanceIngressSameTenant: SiloStackPolicy = {
  kind: "stack",
  name: "silo-rds-instance-ingress-same-tenant",
  description:
    "RDS instances' security groups must admit only security groups of the same stack and tenant, never an address range.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["fsbp:EC2.18", "nist:AC-4", "nist:SC-7", "nist:SC-7(5)"],
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
  mutations: [
    {
      type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      change: "cidrIpv4 0.0.0.0/0 instead of the Lambda security group",
      // The tenant database's rule (components/network/tenantNetwork.ts).
      mutate: ({ referencedSecurityGroupId: _source, ...inputs }) =>
        String(inputs.description ?? "") === "Postgres from the Lambdas of the tenant"
          ? { ...inputs, cidrIpv4: "0.0.0.0/0" }
          : undefined,
    },
  ],
  validateStack: (args, reportViolation) => {
    const instances = args.resources.filter((resource) => resource.isType(aws.rds.Instance));
    if (instances.length === 0) args.notApplicable("no RDS instance in the stack");
    const groups = new Map<PolicyResource, number>();
    for (const instance of instances) {
      const ids = instance.props.vpcSecurityGroupIds;
      if (!Array.isArray(ids) || ids.length === 0) {
        reportViolation(
          "vpcSecurityGroupIds is not set, so the VPC's default security group applies; give the instance the tenant's database security group.",
          instance.urn,
        );
        continue;
      }
      const own = referencedResources(instance, "vpcSecurityGroupIds").filter((group) =>
        group.isType(aws.ec2.SecurityGroup),
      );
      if (own.length === 0) {
        reportViolation(
          `vpcSecurityGroupIds ${JSON.stringify(ids)} are not security groups of this stack, so what they admit cannot be checked; create the database security group in the tenant's stack.`,
          instance.urn,
        );
      }
      const port = typeof instance.props.port === "number" ? instance.props.port : postgresPort;
      for (const group of own) groups.set(group, port);
    }
    for (const [group, port] of groups) checkGroup(args.resources, group, port, reportViolation);
  },
};
