import { SiloError } from "../core/errors/siloError.ts";

// Parsed by hand rather than with zod: this runs in the edge authorizer, whose bundle budget (60 KB, every
// request's cold start) zod alone would take a third of. The checks are few and flat.

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

const loopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

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
  const problems: string[] = [];
  const required = (name: string, what: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is required: ${what}`);
    return value ?? "";
  };
  const optional = (name: string, fallback: string): string => env[name]?.trim() || fallback;
  const list = (value: string) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };

  const issuer = required("SILO_JWT_ISSUER", "the iss your identity provider puts in tokens");
  const audience = list(required("SILO_JWT_AUDIENCE", "the aud of tokens for this API"));
  const jwksUrl = required("SILO_JWKS_URL", "the identity provider's JWKS endpoint");
  if (jwksUrl) checkJwksUrl(jwksUrl, problems);
  const algorithms = list(optional("SILO_JWT_ALGORITHMS", "RS256"));
  if (
    algorithms.length === 0 ||
    algorithms.some((alg) => !(asymmetricAlgorithms as readonly string[]).includes(alg))
  ) {
    problems.push(`SILO_JWT_ALGORITHMS may list only ${asymmetricAlgorithms.join(", ")} (comma-separated)`);
  }
  const config: AuthorizerConfig = {
    issuer,
    audience,
    jwksUrl,
    typ: optional("SILO_JWT_TYP", "at+jwt"),
    tenantClaim: optional("SILO_TENANT_CLAIM", "tenant_id"),
    scopeClaim: optional("SILO_SCOPE_CLAIM", "scope"),
    algorithms,
    maxTokenAgeSeconds: wholeNumber("SILO_JWT_MAX_AGE_SECONDS", 3600, 1, 7 * 24 * 3600),
    clockToleranceSeconds: wholeNumber("SILO_CLOCK_TOLERANCE_SECONDS", 5, 0, 300),
    memoSize: wholeNumber("SILO_AUTH_MEMO_SIZE", 10_000, 0, 1_000_000),
    memoTtlSeconds: wholeNumber("SILO_AUTH_MEMO_TTL_SECONDS", 300, 0, 3600),
    jwksCacheSeconds: wholeNumber("SILO_JWKS_CACHE_SECONDS", 600, 1, 86_400),
    jwksCooldownSeconds: wholeNumber("SILO_JWKS_COOLDOWN_SECONDS", 30, 0, 3600),
    jwksTimeoutMs: wholeNumber("SILO_JWKS_TIMEOUT_MS", 3000, 100, 30_000),
  };
  if (problems.length > 0) {
    throw new SiloError(
      "AUTHORIZER_CONFIG_INVALID",
      `the edge authorizer's environment is invalid:\n${problems.map((problem) => `- ${problem}`).join("\n")}`,
    );
  }
  return config;
}

function checkJwksUrl(value: string, problems: string[]): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(
      `SILO_JWKS_URL must be a URL, e.g. https://idp.example.com/.well-known/jwks.json, got ${JSON.stringify(value)}`,
    );
    return;
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackHosts.includes(url.hostname))) {
    problems.push(
      "SILO_JWKS_URL must use https (plain http is allowed only for 127.0.0.1/localhost, the local platform)",
    );
  }
}
