import { EnvironmentReader } from "../core/config/environmentReader.ts";

/** Signature algorithms the authorizer may be configured to accept: asymmetric only, never HS* or none. */
export const asymmetricAlgorithms = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "EdDSA",
] as const;

/** Everything the edge authorizer needs, read from its environment once at cold start. */
export interface AuthorizerConfig {
  readonly issuer: string;
  /** Accepted audiences (`SILO_JWT_AUDIENCE`, comma-separated). */
  readonly audience: readonly string[];
  readonly jwksUrl: string;
  /** Required `typ` header. @default "at+jwt" (RFC 9068 access tokens) */
  readonly typ: string;
  /** Claim holding the tenant id. @default "tenant_id" */
  readonly tenantClaim: string;
  /** Claim holding scopes: a space-separated string or an array. @default "scope" */
  readonly scopeClaim: string;
  /** @default ["RS256"] */
  readonly algorithms: readonly string[];
  /** Oldest `iat` accepted. @default 3600 */
  readonly maxTokenAgeSeconds: number;
  /** @default 5 */
  readonly clockToleranceSeconds: number;
  /** Verified tokens remembered; 0 turns the memo off. @default 10000 */
  readonly memoSize: number;
  /** Longest a verified token is trusted without verifying again, even if it expires later. @default 300 */
  readonly memoTtlSeconds: number;
  /** How long a fetched JWKS is used before it is refreshed. @default 600 */
  readonly jwksCacheSeconds: number;
  /** Least time between two fetches caused by an unknown `kid`. @default 30 */
  readonly jwksCooldownSeconds: number;
  /** @default 3000 */
  readonly jwksTimeoutMs: number;
}

/**
 * Reads and validates the authorizer's environment. Fails fast (at cold start, not per request) with every
 * problem named.
 *
 * @example
 * const config = loadAuthorizerConfig(process.env);
 */
export function loadAuthorizerConfig(env: Record<string, string | undefined>): AuthorizerConfig {
  const reader = new EnvironmentReader(env);
  const config: AuthorizerConfig = {
    issuer: reader.required("SILO_JWT_ISSUER", "the iss your identity provider puts in tokens"),
    audience: reader.requiredList("SILO_JWT_AUDIENCE", "the aud of tokens for this API"),
    jwksUrl: reader.httpsUrl(
      "SILO_JWKS_URL",
      "the identity provider's JWKS endpoint",
      "https://idp.example.com/.well-known/jwks.json",
    ),
    typ: reader.optional("SILO_JWT_TYP", "at+jwt"),
    tenantClaim: reader.optional("SILO_TENANT_CLAIM", "tenant_id"),
    scopeClaim: reader.optional("SILO_SCOPE_CLAIM", "scope"),
    algorithms: reader.optionalList("SILO_JWT_ALGORITHMS", ["RS256"], asymmetricAlgorithms),
    maxTokenAgeSeconds: reader.wholeNumber("SILO_JWT_MAX_AGE_SECONDS", 3600, 1, 7 * 24 * 3600),
    clockToleranceSeconds: reader.wholeNumber("SILO_CLOCK_TOLERANCE_SECONDS", 5, 0, 300),
    memoSize: reader.wholeNumber("SILO_AUTH_MEMO_SIZE", 10_000, 0, 1_000_000),
    memoTtlSeconds: reader.wholeNumber("SILO_AUTH_MEMO_TTL_SECONDS", 300, 0, 3600),
    jwksCacheSeconds: reader.wholeNumber("SILO_JWKS_CACHE_SECONDS", 600, 1, 86_400),
    jwksCooldownSeconds: reader.wholeNumber("SILO_JWKS_COOLDOWN_SECONDS", 30, 0, 3600),
    jwksTimeoutMs: reader.wholeNumber("SILO_JWKS_TIMEOUT_MS", 3000, 100, 30_000),
  };
  reader.finish("AUTHORIZER_CONFIG_INVALID", "the edge authorizer's environment");
  return config;
}
