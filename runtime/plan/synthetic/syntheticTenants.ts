import { parse } from "yaml";
import { type TenantConfig, tenantConfigSchema } from "../../../tenants/schema.ts";
import type { tiers } from "../../../tenants/tiers.ts";
import { renderTenantTemplate } from "../../core/tenants/renderTenantTemplate.ts";

/** The shape of a synthetic tenant: what decides which resources its stack creates. */
export interface SyntheticShape {
  readonly tier: (typeof tiers)[number];
  readonly network: TenantConfig["network"];
}

/** Synthetic tenants of one shape: the tenant the plan records, and how many it stands for. */
export interface SyntheticGroup {
  readonly shape: SyntheticShape;
  /**
   * The tenant recorded for the group, `synth-<std|reg>-<network>` (short: the policy pack takes a value of 20
   * letters, digits and dashes in a Lambda's environment for a secret), a valid tenant file's config.
   */
  readonly tenant: TenantConfig;
  readonly count: number;
}

/** The mix of the generated fleet: the chance a tenant is regulated, and that it has its own network. */
export const syntheticMix = { regulated: 1 / 3, dedicated: 1 / 20 } as const;

/**
 * `count` generated tenants for `silo plan --synthetic-tenants`, grouped by shape: tiers standard and
 * regulated, shared and dedicated networks, drawn in {@link syntheticMix} from a seeded generator, so the
 * same count and seed always give the same fleet. Each group's tenant is the kit's own tenant template
 * (`silo tenants new`) of its tier and network, validated by the tenant schema: the fleet is what a
 * platform engineer onboarding that many tenants would write.
 *
 * @example
 * syntheticTenants(1000, 1); // [{ shape: { tier: "regulated", network: "dedicated" }, count: 15, ... }, ...]
 */
export function syntheticTenants(count: number, seed: number): SyntheticGroup[] {
  const random = mulberry32(seed);
  const counts = new Map<string, { shape: SyntheticShape; count: number }>();
  for (let index = 0; index < count; index++) {
    const shape: SyntheticShape = {
      tier: random() < syntheticMix.regulated ? "regulated" : "standard",
      network: random() < syntheticMix.dedicated ? "dedicated" : "shared",
    };
    const key = syntheticTenantId(shape);
    const group = counts.get(key) ?? { shape, count: 0 };
    group.count += 1;
    counts.set(key, group);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, group]) => ({ ...group, tenant: syntheticTenant(syntheticTenantId(group.shape), group.shape) }));
}

function syntheticTenantId(shape: SyntheticShape): string {
  return `synth-${shape.tier === "regulated" ? "reg" : "std"}-${shape.network}`;
}

function syntheticTenant(id: string, shape: SyntheticShape): TenantConfig {
  const file = parse(renderTenantTemplate({ id, tier: shape.tier })) as Record<string, unknown>;
  return tenantConfigSchema.parse({ ...file, network: shape.network });
}

/** A small seeded generator (mulberry32): the same seed, the same fleet, on any machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
