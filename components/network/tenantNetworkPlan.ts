import { SiloError } from "../../runtime/core/errors/siloError.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { cidrsOverlap, parseCidr, subnetCidrs } from "./cidr.ts";

/** What the shared network offers a tenant. */
export interface SharedNetworkFacts {
  readonly vpcCidrBlock: string;
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
 * - `dedicated`: a VPC of the tenant's own (`silo:vpcCidr`, not overlapping the shared VPC, which it is
 *   peered with to reach the usage ledger), one isolated subnet per shared Availability Zone, and its own
 *   interface endpoints.
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
        `run: pulumi config set silo:vpcCidr 10.20.0.0/16 --stack ${stack} (any /16 to /24 not overlapping the shared VPC's ${shared.vpcCidrBlock} or another tenant's)`,
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
      `silo:vpcCidr "${dedicatedVpcCidr}" on stack ${stack} overlaps the shared VPC's ${shared.vpcCidrBlock}, so the two cannot be peered; choose another range`,
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
