/** The most permissions returned: a token granting more is cut to this many (fewer permissions, never more). */
export const maxClerkPermissions = 64;

// Bounds on the compact v2 claims, so a hostile (if signed) token cannot make decoding expensive.
const maxListEntries = 64;
/** Clerk's SDK reads each `fpm` entry with `Number.parseInt`: more than 53 bits cannot be represented. */
const maxPermissionNames = 53;
const namePattern = /^[A-Za-z0-9_-]{1,64}$/;
const fpmEntryPattern = /^[0-9]{1,16}$/;
const fullPermissionPattern = /^org:[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,64}$/;

/**
 * The organisation permissions of a verified Clerk session token, in Clerk's full form
 * `org:<feature>:<permission>` (for example `org:chat:write`), in the order Clerk's SDK lists them.
 *
 * - **Version 1** tokens (no `v` claim) list them in `org_permissions`, already in full form.
 * - **Version 2** tokens (`v: 2`) carry them compactly, decoded here exactly as Clerk's SDK does
 *   (`__experimental_JWTPayloadToAuthObjectProperties`, `parsePermissions`, `buildOrgPermissions` in
 *   `packages/shared/src/jwtPayloadParser.ts`, and `splitByScope` in `packages/shared/src/authorization.ts`
 *   of https://github.com/clerk/javascript):
 *   - `fea` is a comma-separated list of `scope:feature` entries; scope `o` is an organisation feature,
 *     `u` a user feature, `ou` or `uo` both. Only the organisation features count, in their `fea` order:
 *     a `u:` entry takes no position in `fpm`.
 *   - `o.per` is a comma-separated list of permission names (`read,manage`).
 *   - `o.fpm` (feature-permission map) is a comma-separated list of decimal integers, the n-th one for the
 *     n-th organisation feature. Each integer is a bitmask over `o.per` whose **least significant bit is the
 *     first name of `o.per`** (Clerk's SDK pads the binary string to the length of `o.per` and reverses
 *     it): with `o.per` = `read,manage`, `1` is `read`, `2` is `manage`, `3` is both. A feature without an
 *     `fpm` entry has no permission; `fpm` entries beyond the features are ignored.
 *
 *   Clerk's documentation gives the example `fea: "o:dashboard,o:teams"`, `o.per: "manage,read"`,
 *   `o.fpm: "3,2"` for `org:dashboard:manage`, `org:dashboard:read` and `org:teams:read`
 *   (https://clerk.com/docs/guides/sessions/session-tokens, "Organization claim" and "Decode o.fpm
 *   manually"; the claim table in clerk/clerk-docs `docs/guides/sessions/session-tokens.mdx`).
 *
 * Stricter than Clerk's SDK, and never throwing: anything malformed (a claim of the wrong type, an `fea`
 * entry without a colon, a name that is not a short identifier, an `fpm` entry that is not a decimal
 * integer or sets a bit beyond `o.per`, a `v` other than 1 or 2, a v1 entry not of the full form) gives
 * `[]`, and so no permission. No active organisation (no `o` claim, or no `org_permissions`) gives `[]`.
 * Duplicates are dropped; at most {@link maxClerkPermissions} are returned.
 *
 * @example
 * clerkPermissions({ v: 2, fea: "o:chat,u:profile,o:models", o: { id: "org_2b", per: "read,write", fpm: "3,1" } });
 * // ["org:chat:read", "org:chat:write", "org:models:read"]
 * clerkPermissions({ org_id: "org_2b", org_permissions: ["org:chat:write"] }); // ["org:chat:write"]
 */
export function clerkPermissions(payload: Record<string, unknown>): string[] {
  try {
    if (typeof payload !== "object" || payload === null) return [];
    const version = own(payload, "v");
    if (version === 2) return fromCompactClaims(payload);
    if (version === undefined || version === 1) return fromOrgPermissions(own(payload, "org_permissions"));
    return [];
  } catch {
    // Nothing above throws on a JSON payload; a getter-laden object handed in by mistake denies.
    return [];
  }
}

/** An own property only: a `__proto__` or inherited claim is never read. */
function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** Version 1: `org_permissions`, an array of `org:<feature>:<permission>` strings. */
function fromOrgPermissions(claim: unknown): string[] {
  if (claim === undefined) return [];
  if (!Array.isArray(claim) || claim.length > maxListEntries) return [];
  const permissions = new Set<string>();
  for (const entry of claim) {
    if (typeof entry !== "string" || !fullPermissionPattern.test(entry)) return [];
    if (permissions.size < maxClerkPermissions) permissions.add(entry);
  }
  return [...permissions];
}

/** Version 2: the organisation features of `fea`, crossed with `o.per` through the bitmasks of `o.fpm`. */
function fromCompactClaims(payload: Record<string, unknown>): string[] {
  const organization = own(payload, "o");
  // No active organisation: no organisation permission.
  if (organization === undefined) return [];
  if (typeof organization !== "object" || organization === null || Array.isArray(organization)) return [];
  const per = own(organization, "per");
  const fpm = own(organization, "fpm");
  // Clerk's SDK: without both `per` and `fpm`, the organisation grants no permission.
  if (per === undefined || fpm === undefined || per === "" || fpm === "") return [];
  if (typeof per !== "string" || typeof fpm !== "string") return [];

  const features = organizationFeatures(own(payload, "fea"));
  const names = splitList(per);
  const masks = splitList(fpm);
  if (features === undefined || names === undefined || masks === undefined) return [];
  if (names.length > maxPermissionNames || !names.every((name) => namePattern.test(name))) return [];

  const permissions = new Set<string>();
  for (const [index, mask] of masks.entries()) {
    if (!fpmEntryPattern.test(mask)) return [];
    const bits = Number(mask);
    if (!Number.isSafeInteger(bits) || bits >= 2 ** names.length) return [];
    const feature = features[index];
    // `fpm` entries beyond the organisation features are ignored, as Clerk's SDK does.
    if (feature === undefined) continue;
    let rest = bits;
    for (let bit = 0; rest > 0; bit++, rest = Math.floor(rest / 2)) {
      if (rest % 2 === 1 && permissions.size < maxClerkPermissions) {
        permissions.add(`org:${feature}:${names[bit]}`);
      }
    }
  }
  return [...permissions];
}

/** The organisation features of `fea` (scope `o`, `ou` or `uo`) in order; `undefined` when malformed. */
function organizationFeatures(fea: unknown): string[] | undefined {
  if (fea === undefined || fea === "") return [];
  if (typeof fea !== "string") return undefined;
  const entries = splitList(fea);
  if (entries === undefined) return undefined;
  const features: string[] = [];
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    if (colon === -1) return undefined;
    const scope = entry.slice(0, colon);
    const feature = entry.slice(colon + 1);
    if (!namePattern.test(feature)) return undefined;
    if (scope === "o" || scope === "ou" || scope === "uo") features.push(feature);
    // `u` (a user feature) and any other scope take no position in `fpm`.
  }
  return features;
}

/** A comma-separated claim as trimmed entries, or `undefined` when it has too many. */
function splitList(value: string): string[] | undefined {
  // Bound the work before splitting: 64 entries of at most 64 characters and their separators.
  if (value.length > maxListEntries * 66) return undefined;
  const entries = value.split(",").map((entry) => entry.trim());
  return entries.length > maxListEntries ? undefined : entries;
}
