/**
 * A tenant's tier (`tier` in its file): `regulated` turns on the stricter defaults (docs/tenant-config.md).
 * Kept apart from the schema so the `silo` command tree can name the tiers without loading zod.
 */
export const tiers = ["standard", "regulated"] as const;

export type Tier = (typeof tiers)[number];
