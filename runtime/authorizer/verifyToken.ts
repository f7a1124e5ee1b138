import { errors, type JWSHeaderParameters, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { type AuthorizerConfig, directoryPlaceholder } from "./authorizerConfig.ts";
import { AuthorizationDenied, type DenyReason } from "./denyReason.ts";
import { hasDuplicateKeys } from "./hasDuplicateKeys.ts";
import type { hasScope } from "./hasScope.ts";
import { compileClaimPath } from "./identity/claimPath.ts";
import { createScopeReader } from "./identity/readTokenScopes.ts";
import { createTenantReader, type TokenTenant } from "./identity/readTokenTenant.ts";
import type { readScopes } from "./readScopes.ts";
import type { ResilientJwks } from "./resilientJwks.ts";

/** What the authorizer keeps of a token once its signature and claims have been verified. */
export type VerifiedToken = TokenTenant & VerifiedClaims;

/** What every verified token has, beside its tenant (see {@link TokenTenant}). */
export interface VerifiedClaims {
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
 * checks jose does not make (no key-pointing headers, a bounded `kid`, `typ` absent where the profile says
 * so), run inside the key resolver so the header is parsed once, then the checks jose leaves to us: no
 * duplicate claims, an issuer pattern's directory, `token_use`, the authorized party, a string `sub`, and
 * the tenant and scopes read as the identity settings say. The verifier throws {@link AuthorizationDenied}
 * with a stable reason. Everything configurable is compiled here, once; per token it costs only the claims
 * it reads.
 *
 * @example
 * const verify = createTokenVerifier(config, keys);
 * const verified = await verify(token, hash, Date.now());
 */
export function createTokenVerifier(
  config: AuthorizerConfig,
  keys: JWTVerifyGetKey & Partial<Pick<ResilientJwks, "keyForHeader">>,
): TokenVerifier {
  const typAbsent = config.typ === "absent";
  const checkedKeys: JWTVerifyGetKey = (header, token) => {
    checkHeader(header, typAbsent);
    return keys(header, token);
  };
  const issuerPattern = config.issuer.includes(directoryPlaceholder);
  const directories = new Set(config.issuerDirectories);
  const parties = new Set(config.authorizedParties);
  const readParty = compileClaimPath(config.authorizedPartyClaim);
  const readTenant = createTenantReader(config);
  const readScopesOf = createScopeReader(config);
  // jose skips a check whose option is undefined. The options object is written out in full on every call:
  // spreading a prepared one into it cost 13 us per token (a quarter of a verification) in the bench.
  const algorithms = [...config.algorithms];
  const issuer = issuerPattern ? undefined : config.issuer;
  const audience = config.audience.length > 0 ? [...config.audience] : undefined;
  const typ = config.typ === "any" || typAbsent ? undefined : config.typ;
  const requiredClaims = ["exp", "iat", "sub"];
  return async (token, tokenHash, nowMs) => {
    let payload: JWTPayload;
    let protectedHeader: JWSHeaderParameters;
    try {
      // A header text that resolved to a key before passed checkHeader then: the same text passes again.
      const known = keys.keyForHeader?.(token.slice(0, token.indexOf(".")));
      ({ payload, protectedHeader } = await jwtVerify(token, known ?? checkedKeys, {
        algorithms,
        issuer,
        audience,
        typ,
        requiredClaims,
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
    if (issuerPattern) checkIssuerDirectory(payload, config.issuer, directories);
    if (config.tokenUse !== "" && payload.token_use !== config.tokenUse) {
      throw new AuthorizationDenied("wrong_token_use", `token_use is not ${config.tokenUse}`);
    }
    if (parties.size > 0) {
      const party = readParty(payload);
      if (party === undefined) {
        throw new AuthorizationDenied("authorized_party_missing", `no ${config.authorizedPartyClaim} claim`);
      }
      if (typeof party !== "string" || !parties.has(party)) {
        throw new AuthorizationDenied(
          "wrong_authorized_party",
          `${config.authorizedPartyClaim} is not an allowed client`,
        );
      }
    }
    const sub = payload.sub;
    if (typeof sub !== "string" || sub.length === 0 || sub.length > maxSubLength) {
      throw new AuthorizationDenied(
        "invalid_claim",
        "sub must be a non-empty string of at most 256 characters",
      );
    }
    const tenant = readTenant(payload);
    const scopes = readScopesOf(payload);
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
    // One object shape for every token (both tenant fields, one undefined): the memo and the checks after it
    // stay monomorphic.
    return {
      tenantId: tenant.tenantId,
      organizationId: tenant.organizationId,
      sub,
      scopes,
      tokenId,
      expiresAtMs,
      kid,
    } as VerifiedToken;
  };
}

/**
 * An issuer with `{tenantid}` (Entra multi-tenant apps: one issuer per customer directory): the token's
 * `tid` must be an allowed directory and its `iss` exactly the pattern filled with that `tid`.
 */
function checkIssuerDirectory(payload: JWTPayload, pattern: string, directories: ReadonlySet<string>): void {
  const tid = payload.tid;
  if (typeof tid !== "string" || !directories.has(tid)) {
    throw new AuthorizationDenied("directory_not_allowed", "the token's tid is not an allowed directory");
  }
  if (payload.iss !== pattern.replace(directoryPlaceholder, tid)) {
    throw new AuthorizationDenied("wrong_issuer", "iss is not the issuer of the token's directory");
  }
}

/** What jose does not check in the protected header (it checks `alg` against the allowlist, and `crit`). */
function checkHeader(header: JWSHeaderParameters, typAbsent: boolean): void {
  if (typAbsent && Object.hasOwn(header, "typ")) {
    throw new AuthorizationDenied("wrong_typ", "this identity profile's tokens have no typ header");
  }
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
