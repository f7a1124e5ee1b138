import { decodeJwt } from "jose";

/**
 * When a cached authorizer decision stops being served: after the cache TTL, and never past the token's own
 * `exp`. API Gateway's cache cannot read `exp` (in AWS the bound is the short TTL, docs/threat-model.md), but
 * the local gateway can, so an expired token is always verified again, and refused, once it expires.
 * The token was verified by the authorizer before its decision is cached and the cache key covers the whole
 * header, so reading the claims without verifying them again reads what was verified.
 *
 * @example
 * decisions.set(key, { result, expiresAtMs: decisionCacheExpiry(authorization, Date.now(), 300) });
 */
export function decisionCacheExpiry(authorization: string, nowMs: number, ttlSeconds: number): number {
  const byTtl = nowMs + ttlSeconds * 1000;
  const exp = tokenExpirySeconds(authorization);
  return exp === undefined ? byTtl : Math.min(byTtl, exp * 1000);
}

function tokenExpirySeconds(authorization: string): number | undefined {
  const token = authorization.replace(/^bearer\s+/i, "");
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
