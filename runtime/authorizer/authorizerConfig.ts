import { z } from "zod";
import { SiloError } from "../core/errors/siloError.ts";

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

const seconds = (name: string, fallback: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number of seconds` })
    .int(`${name} must be a whole number of seconds`)
    .min(0, `${name} must not be negative`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

const jwksUrl = z
  .url({ error: "SILO_JWKS_URL must be a URL, e.g. https://idp.example.com/.well-known/jwks.json" })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  }, "SILO_JWKS_URL must use https (plain http is allowed only for 127.0.0.1/localhost, the local platform)");

const envSchema = z.object({
  SILO_JWT_ISSUER: z
    .string({ error: "SILO_JWT_ISSUER is required: the iss your identity provider puts in tokens" })
    .min(1),
  SILO_JWT_AUDIENCE: z
    .string({ error: "SILO_JWT_AUDIENCE is required: the aud of tokens for this API" })
    .min(1),
  SILO_JWKS_URL: z
    .string({ error: "SILO_JWKS_URL is required: the identity provider's JWKS endpoint" })
    .pipe(jwksUrl),
  SILO_JWT_TYP: z.string().min(1).default("at+jwt"),
  SILO_TENANT_CLAIM: z.string().min(1).default("tenant_id"),
  SILO_SCOPE_CLAIM: z.string().min(1).default("scope"),
  SILO_JWT_ALGORITHMS: z
    .string()
    .default("RS256")
    .transform((value) => value.split(",").map((alg) => alg.trim()))
    .pipe(
      z.array(
        z.enum(asymmetricAlgorithms, {
          error: `SILO_JWT_ALGORITHMS may list only ${asymmetricAlgorithms.join(", ")} (comma-separated)`,
        }),
      ),
    ),
  SILO_JWT_MAX_AGE_SECONDS: seconds("SILO_JWT_MAX_AGE_SECONDS", 3600, 7 * 24 * 3600),
  SILO_CLOCK_TOLERANCE_SECONDS: seconds("SILO_CLOCK_TOLERANCE_SECONDS", 5, 300),
  SILO_AUTH_MEMO_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  SILO_AUTH_MEMO_TTL_SECONDS: seconds("SILO_AUTH_MEMO_TTL_SECONDS", 300, 3600),
  SILO_JWKS_CACHE_SECONDS: seconds("SILO_JWKS_CACHE_SECONDS", 600, 86_400),
  SILO_JWKS_COOLDOWN_SECONDS: seconds("SILO_JWKS_COOLDOWN_SECONDS", 30, 3600),
  SILO_JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
});

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
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new SiloError(
      "AUTHORIZER_CONFIG_INVALID",
      `the edge authorizer's environment is invalid:\n${problems.join("\n")}`,
    );
  }
  const values = parsed.data;
  return {
    issuer: values.SILO_JWT_ISSUER,
    audience: values.SILO_JWT_AUDIENCE.split(",")
      .map((audience) => audience.trim())
      .filter(Boolean),
    jwksUrl: values.SILO_JWKS_URL,
    typ: values.SILO_JWT_TYP,
    tenantClaim: values.SILO_TENANT_CLAIM,
    scopeClaim: values.SILO_SCOPE_CLAIM,
    algorithms: values.SILO_JWT_ALGORITHMS,
    maxTokenAgeSeconds: values.SILO_JWT_MAX_AGE_SECONDS,
    clockToleranceSeconds: values.SILO_CLOCK_TOLERANCE_SECONDS,
    memoSize: values.SILO_AUTH_MEMO_SIZE,
    memoTtlSeconds: values.SILO_AUTH_MEMO_TTL_SECONDS,
    jwksCacheSeconds: values.SILO_JWKS_CACHE_SECONDS,
    jwksCooldownSeconds: values.SILO_JWKS_COOLDOWN_SECONDS,
    jwksTimeoutMs: values.SILO_JWKS_TIMEOUT_MS,
  };
}
