import { errors, type JWSHeaderParameters, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { tenantIdPattern } from "../../tenants/tenantId.ts";
import type { AuthorizerConfig } from "./authorizerConfig.ts";
import { AuthorizationDenied, type DenyReason } from "./denyReason.ts";
import { hasDuplicateKeys } from "./hasDuplicateKeys.ts";
import type { hasScope } from "./hasScope.ts";
import { readScopes } from "./readScopes.ts";
import type { ResilientJwks } from "./resilientJwks.ts";

/** What the authorizer keeps of a token once its signature and claims have been verified. */
export interface VerifiedToken {
  readonly tenantId: string;
  readonly sub: string;
  /** Space-separated (see {@link readScopes}); test with {@link hasScope}. */
  readonly scopes: string;
  /** `jti` when the token has a usable one, else a hash prefix: logged to correlate, never the token. */
  readonly tokenId: string;
  /** The signing key's `kid`, when the header names one: after a key compromise, finds what it signed. */
  readonly kid?: string;
  /**
   * Until when this verification may be reused (the decision memo's expiry): the earliest of `exp`, `iat` +
   * the maximum token age, and the time of verification + the memo TTL.
   */
  readonly expiresAtMs: number;
}

/** Header parameters that point at keys or certificates: honouring any of them lets the token pick its own key. */
const keyPointingHeaders = ["jku", "x5u", "jwk", "x5c"] as const;
const maxKidLength = 256;
const maxSubLength = 256;

/** Verifies one token (`tokenHash` is its SHA-256 digest as latin1); see {@link createTokenVerifier}. */
export type TokenVerifier = (token: string, tokenHash: string, nowMs: number) => Promise<VerifiedToken>;

/**
 * Builds the verifier of compact JWS access tokens: jose's signature and claim checks (algorithm allowlist,
 * `crit`, issuer, audience, `typ`, `exp`/`iat`/`sub` required, `nbf`, token age, clock tolerance), header
 * checks jose does not make (no key-pointing headers, a bounded `kid`), run inside the key resolver so the
 * header is parsed once, then the checks jose leaves to us: no duplicate claims, a well-formed tenant claim,
 * a string `sub`. The verifier throws {@link AuthorizationDenied} with a stable reason.
 *
 * @example
 * const verify = createTokenVerifier(config, keys);
 * const verified = await verify(token, hash, Date.now());
 */
export function createTokenVerifier(
  config: AuthorizerConfig,
  keys: JWTVerifyGetKey & Partial<Pick<ResilientJwks, "keyForHeader">>,
): TokenVerifier {
  const checkedKeys: JWTVerifyGetKey = (header, token) => {
    checkHeader(header);
    return keys(header, token);
  };
  const algorithms = [...config.algorithms];
  const audience = [...config.audience];
  return async (token, tokenHash, nowMs) => {
    let payload: JWTPayload;
    let protectedHeader: JWSHeaderParameters;
    try {
      // A header text that resolved to a key before passed checkHeader then: the same text passes again.
      const known = keys.keyForHeader?.(token.slice(0, token.indexOf(".")));
      ({ payload, protectedHeader } = await jwtVerify(token, known ?? checkedKeys, {
        algorithms,
        issuer: config.issuer,
        audience,
        typ: config.typ,
        requiredClaims: ["exp", "iat", "sub"],
        maxTokenAge: config.maxTokenAgeSeconds,
        clockTolerance: config.clockToleranceSeconds,
        currentDate: new Date(nowMs),
      }));
    } catch (error) {
      throw toDenial(error);
    }
    const payloadSegment = token.slice(token.indexOf(".") + 1, token.lastIndexOf("."));
    if (hasDuplicateKeys(payloadSegment, payload)) {
      throw new AuthorizationDenied("duplicate_claims", "the payload names a claim twice");
    }
    const sub = payload.sub;
    if (typeof sub !== "string" || sub.length === 0 || sub.length > maxSubLength) {
      throw new AuthorizationDenied(
        "invalid_claim",
        "sub must be a non-empty string of at most 256 characters",
      );
    }
    if (!Object.hasOwn(payload, config.tenantClaim)) {
      throw new AuthorizationDenied("tenant_claim_missing", `no ${config.tenantClaim} claim`);
    }
    const tenantId = payload[config.tenantClaim];
    if (typeof tenantId !== "string" || !tenantIdPattern.test(tenantId)) {
      throw new AuthorizationDenied(
        "tenant_claim_invalid",
        `${config.tenantClaim} is not a well-formed tenant id`,
      );
    }
    const scopes = Object.hasOwn(payload, config.scopeClaim) ? readScopes(payload[config.scopeClaim]) : "";
    const jti = payload.jti;
    const tokenId =
      typeof jti === "string" && jti.length > 0 && jti.length <= 128
        ? jti
        : Buffer.from(tokenHash, "latin1").toString("base64url").slice(0, 16);
    const expiresAtMs = Math.min(
      (payload.exp ?? 0) * 1000,
      ((payload.iat ?? 0) + config.maxTokenAgeSeconds) * 1000,
      nowMs + config.memoTtlSeconds * 1000,
    );
    // checkHeader has bounded `kid` to a string of at most 256 characters.
    const kid = typeof protectedHeader.kid === "string" ? protectedHeader.kid : undefined;
    return { tenantId, sub, scopes, tokenId, expiresAtMs, kid };
  };
}

/** What jose does not check in the protected header (it checks `alg` against the allowlist, and `crit`). */
function checkHeader(header: JWSHeaderParameters): void {
  for (const name of keyPointingHeaders) {
    if (Object.hasOwn(header, name))
      throw new AuthorizationDenied("header_not_allowed", `header ${name} is refused`);
  }
  const kid: unknown = header.kid;
  if (kid !== undefined && (typeof kid !== "string" || kid.length === 0 || kid.length > maxKidLength)) {
    throw new AuthorizationDenied("malformed_token", "kid must be a string of 1-256 characters");
  }
}

const claimReasons: Record<string, DenyReason> = {
  iss: "wrong_issuer",
  aud: "wrong_audience",
  typ: "wrong_typ",
  nbf: "not_yet_valid",
  iat: "iat_in_future",
};

/** Maps a jose failure to a stable deny reason; an unexpected error stays an error (internal_error). */
function toDenial(error: unknown): unknown {
  if (error instanceof AuthorizationDenied) return error;
  const detail = (error as Error).message;
  if (error instanceof errors.JWTExpired) {
    return new AuthorizationDenied(error.claim === "iat" ? "token_too_old" : "expired", detail);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === "missing" && ["exp", "iat", "sub"].includes(error.claim)) {
      return new AuthorizationDenied("missing_claim", detail);
    }
    return new AuthorizationDenied(claimReasons[error.claim] ?? "invalid_claim", detail);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthorizationDenied("bad_signature", detail);
  if (error instanceof errors.JOSEAlgNotAllowed) return new AuthorizationDenied("alg_not_allowed", detail);
  if (error instanceof errors.JWKSMultipleMatchingKeys) return new AuthorizationDenied("unknown_kid", detail);
  // jose refuses any `crit` extension it is not told about, and we tell it about none.
  if (error instanceof errors.JOSENotSupported && detail.startsWith("Extension Header Parameter")) {
    return new AuthorizationDenied("unsupported_crit", detail);
  }
  if (error instanceof errors.JOSEError) return new AuthorizationDenied("malformed_token", detail);
  if (error instanceof TypeError && detail.includes("modulusLength"))
    return new AuthorizationDenied("weak_key", detail);
  return error;
}
