import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { tenantIdPattern } from "../../tenants/tenantId.ts";
import type { AuthorizerConfig } from "./authorizerConfig.ts";
import { AuthorizationDenied, type DenyReason } from "./denyReason.ts";
import { hasDuplicateKeys } from "./hasDuplicateKeys.ts";
import { readScopes } from "./readScopes.ts";

/** What the authorizer keeps of a token once its signature and claims have been verified. */
export interface VerifiedToken {
  readonly tenantId: string;
  readonly sub: string;
  readonly scopes: readonly string[];
  /** `jti` when the token has a usable one, else a hash prefix: logged to correlate, never the token. */
  readonly tokenId: string;
  /** When this verification stops being valid: the earlier of `exp` and `iat` + the maximum token age. */
  readonly expiresAtMs: number;
}

/** Header parameters that point at keys or certificates: honouring any of them lets the token pick its own key. */
const keyPointingHeaders = ["jku", "x5u", "jwk", "x5c"] as const;
const maxKidLength = 256;
const maxSubLength = 256;

/**
 * Verifies a compact JWS access token: cheap header checks first (algorithm allowlist, no key-pointing
 * headers, no `crit`), then jose's signature and claim checks (issuer, audience, `typ`, `exp`/`iat`/`sub`
 * required, `nbf`, token age, clock tolerance), then the checks jose leaves to us: no duplicate claims, a
 * well-formed tenant claim, a string `sub`. Throws {@link AuthorizationDenied} with a stable reason.
 *
 * @example
 * const verified = await verifyToken(token, hash, { config, keys, nowMs: Date.now() });
 */
export async function verifyToken(
  token: string,
  tokenHash: string,
  deps: { readonly config: AuthorizerConfig; readonly keys: JWTVerifyGetKey; readonly nowMs: number },
): Promise<VerifiedToken> {
  const { config } = deps;
  const [headerSegment, payloadSegment] = token.split(".");
  checkHeader(decodeSegment(headerSegment ?? ""), config);

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, deps.keys, {
      algorithms: [...config.algorithms],
      issuer: config.issuer,
      audience: [...config.audience],
      typ: config.typ,
      requiredClaims: ["exp", "iat", "sub"],
      maxTokenAge: config.maxTokenAgeSeconds,
      clockTolerance: config.clockToleranceSeconds,
      currentDate: new Date(deps.nowMs),
    }));
  } catch (error) {
    throw toDenial(error);
  }

  if (hasDuplicateKeys(Buffer.from(payloadSegment ?? "", "base64url").toString("utf8"))) {
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
  const scopes = Object.hasOwn(payload, config.scopeClaim) ? readScopes(payload[config.scopeClaim]) : [];
  const jti = payload.jti;
  const tokenId =
    typeof jti === "string" && jti.length > 0 && jti.length <= 128 ? jti : tokenHash.slice(0, 16);
  const expiresAtMs = Math.min(
    (payload.exp ?? 0) * 1000,
    ((payload.iat ?? 0) + config.maxTokenAgeSeconds) * 1000,
  );
  return { tenantId, sub, scopes, tokenId, expiresAtMs };
}

function decodeSegment(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // falls through to the denial below
  }
  throw new AuthorizationDenied("malformed_token", "the header is not a base64url JSON object");
}

function checkHeader(header: Record<string, unknown>, config: AuthorizerConfig): void {
  const alg = header.alg;
  if (typeof alg !== "string" || !config.algorithms.includes(alg)) {
    throw new AuthorizationDenied(
      "alg_not_allowed",
      `alg ${JSON.stringify(alg)?.slice(0, 32)} is not allowed`,
    );
  }
  for (const name of keyPointingHeaders) {
    if (Object.hasOwn(header, name))
      throw new AuthorizationDenied("header_not_allowed", `header ${name} is refused`);
  }
  if (Object.hasOwn(header, "crit")) {
    throw new AuthorizationDenied("unsupported_crit", "no critical header extension is supported");
  }
  const kid = header.kid;
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
  if (error instanceof errors.JOSEError) return new AuthorizationDenied("malformed_token", detail);
  if (error instanceof TypeError && detail.includes("modulusLength"))
    return new AuthorizationDenied("weak_key", detail);
  return error;
}
