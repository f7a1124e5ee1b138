import { stackNameOf } from "../../stacks/parseStackName.ts";
import type { TenantConfig } from "../../tenants/schema.ts";
import { SiloError } from "../core/errors/siloError.ts";

/** Which stacks `silo deploy` was asked for. */
export interface DeploySelection {
  /** `--tenant ID ...`; exclusive with `all`. */
  readonly tenantIds?: readonly string[];
  /** `--all`: every tenant file. */
  readonly all?: boolean;
  /** `--skip-shared`: leave the shared stack as it is. */
  readonly skipShared?: boolean;
  /** `--environment`: deploy the stacks qualified with it (`staging.shared`, `staging.tenant-<id>`). */
  readonly environmentQualifier?: string;
}

/** A tenant stack to deploy and the tenant file it is built from. */
export interface PlannedTenantStack {
  readonly stackName: string;
  readonly tenant: TenantConfig;
}

/** The stacks of one deploy, in order: `shared` first (unless skipped), then the tenant stacks by id. */
export interface DeployPlan {
  readonly shared: boolean;
  /** The shared stack's name: `shared`, or qualified (`staging.shared`, stacks/parseStackName.ts). */
  readonly sharedStackName: string;
  readonly tenants: readonly PlannedTenantStack[];
}

/**
 * Turns the command line's selection into the stacks to deploy. Exactly one of `--tenant` and `--all`;
 * an unknown tenant id is an error naming the known ones, so a typo never deploys a partial fleet.
 *
 * @example
 * planDeploy(tenants, { tenantIds: ["globex"] }); // { shared: true, sharedStackName: "shared", tenants: [{ stackName: "tenant-globex", ... }] }
 */
export function planDeploy(tenants: readonly TenantConfig[], selection: DeploySelection): DeployPlan {
  const requested = selection.tenantIds ?? [];
  if (selection.all === true && requested.length > 0) {
    throw new SiloError(
      "DEPLOY_SELECTION_INVALID",
      "--all and --tenant exclude each other; pass --all for every tenant, or --tenant ID for each one",
    );
  }
  if (selection.all !== true && requested.length === 0) {
    throw new SiloError(
      "DEPLOY_SELECTION_INVALID",
      "say which tenant stacks to deploy: --tenant ID (repeatable) or --all",
    );
  }
  const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));
  const unknown = requested.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new SiloError(
      "TENANT_NOT_FOUND",
      `no tenant file for ${unknown.join(", ")}; known tenants: ${[...byId.keys()].join(", ") || "(none)"}. ` +
        "Create one with: silo tenants new <id>",
    );
  }
  const ids = selection.all === true ? [...byId.keys()] : [...new Set(requested)];
  const { environmentQualifier } = selection;
  return {
    shared: selection.skipShared !== true,
    sharedStackName: stackNameOf({ kind: "shared", environmentQualifier }),
    tenants: ids
      .sort((a, b) => a.localeCompare(b))
      .map((id) => ({
        stackName: stackNameOf({ kind: "tenant", tenantId: id, environmentQualifier }),
        tenant: byId.get(id) as TenantConfig,
      })),
  };
}
