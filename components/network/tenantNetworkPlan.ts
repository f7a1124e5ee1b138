import { SiloError } from "../../runtime/core/errors/siloError.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { cidrContains, cidrsOverlap, formatCidr, parseCidr, subnetCidrs } from "./cidr.ts";

/** `silo:dedicatedCidrPool`'s default: 10.16.0.0 to 10.31.255.255, beside the shared VPC's 10.0.0.0/16. */
export const defaultDedicatedCidrPool = "10.16.0.0/12";

/** What the shared network offers a tenant. */
export interface SharedNetworkFacts {
  readonly vpcCidrBlock: string;
  /** The range every dedicated tenant VPC must lie in. */
  readonly dedicatedCidrPool: string;
  readonly availabilityZones: readonly string[];
  /** Whether the shared private subnets route to the internet through NAT. */
  readonly internetEgress: boolean;
}

/** Where a tenant's Lambdas and database run. */
export type TenantNetworkPlan =
  | { readonly kind: "shared"; readonly internetEgress: boolean }
  | {
      readonly kind: "dedicated";
      readonly internetEgress: false;
      readonly vpcCidrBlock: string;
      readonly subnets: ReadonlyArray<{ readonly availabilityZone: string; readonly cidrBlock: string }>;
    };

/**
 * Decides the tenant's network from its `network` field and checks it can work:
 * - `shared`: the shared VPC's private subnets;
 * - `dedicated`: a VPC of the tenant's own (`silo:vpcCidr`, inside the shared stack's dedicated CIDR pool,
 *   attached to the shared Transit Gateway to reach the usage ledger), one isolated subnet per shared
 *   Availability Zone, and its own interface endpoints.
 * An openai-compatible model is called over the internet, so its tenant needs internet egress: the shared
 * VPC with NAT (`silo:natGateways` on the shared stack). Dedicated VPCs are isolated.
 *
 * @example
 * tenantNetworkPlan(tenant, shared, undefined); // { kind: "shared", internetEgress: false }
 */
export function tenantNetworkPlan(
  tenant: Pick<TenantConfig, "id" | "network" | "models">,
  shared: SharedNetworkFacts,
  dedicatedVpcCidr: string | undefined,
): TenantNetworkPlan {
  const internetModels = tenant.models.allowlist.filter((model) => model.provider === "openai-compatible");
  const needsInternet = internetModels.length > 0;
  const modelList = internetModels.map((model) => `${model.key} (${model.baseUrl})`).join(", ");
  const stack = `tenant-${tenant.id}`;
  if (tenant.network === "shared") {
    if (dedicatedVpcCidr !== undefined) {
      throw new SiloError(
        "TENANT_NETWORK_INVALID",
        `silo:vpcCidr is set to "${dedicatedVpcCidr}" on stack ${stack}, but tenant ${tenant.id} uses network: shared; ` +
          `remove it with: pulumi config rm silo:vpcCidr --stack ${stack}`,
      );
    }
    if (needsInternet && !shared.internetEgress) {
      throw new SiloError(
        "TENANT_NETWORK_INVALID",
        `tenant ${tenant.id} calls ${modelList} over the internet, but the shared VPC has no NAT; ` +
          "run: pulumi config set silo:natGateways single --stack shared && pulumi up --stack shared",
      );
    }
    return { kind: "shared", internetEgress: needsInternet };
  }
  if (needsInternet) {
    throw new SiloError(
      "TENANT_NETWORK_INVALID",
      `tenant ${tenant.id} uses network: dedicated, whose VPC has no internet egress, but calls ${modelList} over the internet; ` +
        "use network: shared (with silo:natGateways on the shared stack) or a Bedrock model",
    );
  }
  if (dedicatedVpcCidr === undefined) {
    throw new SiloError(
      "TENANT_NETWORK_INVALID",
      `tenant ${tenant.id} uses network: dedicated, which needs an address range of its own; ` +
        `run: pulumi config set silo:vpcCidr 10.20.0.0/16 --stack ${stack} (any /16 to /24 inside the shared stack's dedicated pool ${shared.dedicatedCidrPool}, not overlapping another tenant's)`,
    );
  }
  const { prefixLength } = parseCidr(dedicatedVpcCidr);
  if (prefixLength < 16 || prefixLength > 24) {
    throw new SiloError(
      "TENANT_NETWORK_INVALID",
      `silo:vpcCidr "${dedicatedVpcCidr}" on stack ${stack} must be a /16 to /24 block (VPC limits), e.g. 10.20.0.0/16`,
    );
  }
  if (cidrsOverlap(dedicatedVpcCidr, shared.vpcCidrBlock)) {
    throw new SiloError(
      "TENANT_NETWORK_INVALID",
      `silo:vpcCidr "${dedicatedVpcCidr}" on stack ${stack} overlaps the shared VPC's ${shared.vpcCidrBlock}, so the two cannot route to each other; choose another range`,
    );
  }
  if (!cidrContains(shared.dedicatedCidrPool, dedicatedVpcCidr)) {
    throw new SiloError(
      "TENANT_NETWORK_INVALID",
      `silo:vpcCidr "${dedicatedVpcCidr}" on stack ${stack} is outside the shared stack's dedicated pool ${shared.dedicatedCidrPool} ` +
        "(silo:dedicatedCidrPool), which the shared VPC routes to the Transit Gateway; choose a range inside it, e.g. " +
        `pulumi config set silo:vpcCidr ${formatCidr({ base: parseCidr(shared.dedicatedCidrPool).base, prefixLength: 16 })} --stack ${stack}`,
    );
  }
  const cidrs = subnetCidrs(dedicatedVpcCidr, Math.min(shared.availabilityZones.length, 4));
  return {
    kind: "dedicated",
    internetEgress: false,
    vpcCidrBlock: dedicatedVpcCidr,
    subnets: cidrs.map((cidrBlock, index) => ({
      availabilityZone: shared.availabilityZones[index] ?? "",
      cidrBlock,
    })),
  };
}
