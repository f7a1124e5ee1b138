import { EnvironmentReader } from "../core/config/environmentReader.ts";
import { isClaimPath } from "./identity/claimPath.ts";
import {
  type IdentityPreset,
  type IdentityProfileName,
  identityProfileNames,
  identityProfiles,
  scopeFormats,
  tenantSources,
} from "./identity/identityProfiles.ts";

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
export interface AuthorizerConfig extends IdentityPreset {
  /** `SILO_IDENTITY_PROFILE`: the preset the identity settings start from. @default "generic" */
  readonly profile: IdentityProfileName;
  /**
   * The exact `iss` of tokens. May hold `{tenantid}` (Entra multi-tenant apps), then filled from the
   * token's `tid`, which must be in {@link issuerDirectories}. Empty until discovered when only
   * {@link oidcIssuer} is set.
   */
  readonly issuer: string;
  /** `SILO_OIDC_ISSUER`: discover the issuer's JWKS (and issuer) from its OpenID configuration. */
  readonly oidcIssuer: string;
  /** `SILO_ISSUER_DIRECTORIES`: the directory (tenant) ids an issuer with `{tenantid}` may name. */
  readonly issuerDirectories: readonly string[];
  /** Accepted audiences (`SILO_JWT_AUDIENCE`, comma-separated); empty when only authorized parties are checked. */
  readonly audience: readonly string[];
  /** `SILO_AUTHORIZED_PARTIES`: clients (or Clerk origins) whose tokens are accepted; empty for no check. */
  readonly authorizedParties: readonly string[];
  /** Empty when discovered from {@link oidcIssuer}. */
  readonly jwksUrl: string;
  /** @default ["RS256"] */
  readonly algorithms: readonly string[];
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

/** The placeholder of an issuer pattern, as Entra's own discovery document writes it. */
export const directoryPlaceholder = "{tenantid}";

/**
 * Reads and validates the authorizer's environment. Fails fast (at cold start, not per request) with every
 * problem named. The identity settings start from the profile's preset (`SILO_IDENTITY_PROFILE`, see
 * {@link identityProfiles}); each has its own variable that overrides it.
 *
 * @example
 * const config = loadAuthorizerConfig(process.env);
 */
export function loadAuthorizerConfig(env: Record<string, string | undefined>): AuthorizerConfig {
  const reader = new EnvironmentReader(env);
  const profile = reader.oneOf("SILO_IDENTITY_PROFILE", identityProfileNames, "generic");
  const preset = identityProfiles[profile] ?? identityProfiles.generic;
  const oidcIssuer = reader.text("SILO_OIDC_ISSUER") ?? "";
  if (oidcIssuer !== "") reader.httpsUrl("SILO_OIDC_ISSUER", "", "https://idp.example.com/");
  const discovered = oidcIssuer !== "";
  const issuer = discovered
    ? (reader.text("SILO_JWT_ISSUER") ?? "")
    : reader.required(
        "SILO_JWT_ISSUER",
        "the iss your identity provider puts in tokens (or set SILO_OIDC_ISSUER)",
      );
  const jwksUrl =
    discovered && reader.text("SILO_JWKS_URL") === undefined
      ? ""
      : reader.httpsUrl(
          "SILO_JWKS_URL",
          "the identity provider's JWKS endpoint (or set SILO_OIDC_ISSUER to discover it)",
          "https://idp.example.com/.well-known/jwks.json",
        );
  const issuerDirectories = reader.optionalList("SILO_ISSUER_DIRECTORIES", []);
  if (issuer.includes(directoryPlaceholder) && issuerDirectories.length === 0) {
    reader.problem(
      `SILO_ISSUER_DIRECTORIES is required when SILO_JWT_ISSUER holds ${directoryPlaceholder}: list the directory ids whose tokens are accepted`,
    );
  }
  const authorizedParties = reader.optionalList("SILO_AUTHORIZED_PARTIES", []);
  const audience = reader.optionalList("SILO_JWT_AUDIENCE", []);
  if (preset.noAudience && authorizedParties.length === 0) {
    reader.problem(
      `SILO_AUTHORIZED_PARTIES is required with the ${profile} profile (its tokens carry no audience for your API): list the ${preset.authorizedPartyClaim} values of your client applications`,
    );
  } else if (audience.length === 0 && authorizedParties.length === 0) {
    reader.problem(
      "SILO_JWT_AUDIENCE is required: the aud of tokens for this API (or, for an IdP whose tokens carry none, SILO_AUTHORIZED_PARTIES)",
    );
  }
  const tenantSource = reader.oneOf("SILO_TENANT_SOURCE", tenantSources, preset.tenantSource);
  const tenantClaims = claimPaths(reader, "SILO_TENANT_CLAIM", preset.tenantClaims);
  const tenantPrefix = reader.optional("SILO_TENANT_PREFIX", preset.tenantPrefix);
  if (tenantSource === "prefixed-entry" && tenantPrefix === "") {
    reader.problem(
      "SILO_TENANT_PREFIX is required with SILO_TENANT_SOURCE=prefixed-entry, e.g. silo-tenant:",
    );
  }
  const config: AuthorizerConfig = {
    profile,
    issuer,
    oidcIssuer,
    issuerDirectories,
    audience,
    authorizedParties,
    authorizedPartyClaim:
      claimPaths(reader, "SILO_AUTHORIZED_PARTY_CLAIM", [preset.authorizedPartyClaim])[0] ?? "",
    jwksUrl,
    typ: reader.optional("SILO_JWT_TYP", preset.typ),
    tokenUse: noneAsEmpty(reader.optional("SILO_TOKEN_USE", preset.tokenUse)),
    tenantSource,
    tenantClaims,
    tenantPrefix,
    scopeClaims: claimPaths(reader, "SILO_SCOPE_CLAIMS", preset.scopeClaims),
    scopePrefix: noneAsEmpty(reader.optional("SILO_SCOPE_PREFIX", preset.scopePrefix)),
    scopeFormat: reader.oneOf("SILO_SCOPE_FORMAT", scopeFormats, preset.scopeFormat),
    noAudience: preset.noAudience,
    algorithms: reader.optionalList("SILO_JWT_ALGORITHMS", ["RS256"], asymmetricAlgorithms),
    maxTokenAgeSeconds: reader.wholeNumber(
      "SILO_JWT_MAX_AGE_SECONDS",
      preset.maxTokenAgeSeconds,
      1,
      7 * 24 * 3600,
    ),
    clockToleranceSeconds: reader.wholeNumber("SILO_CLOCK_TOLERANCE_SECONDS", 5, 0, 300),
    memoSize: reader.wholeNumber("SILO_AUTH_MEMO_SIZE", 10_000, 0, 1_000_000),
    memoTtlSeconds: reader.wholeNumber("SILO_AUTH_MEMO_TTL_SECONDS", 300, 0, 3600),
    jwksCacheSeconds: reader.wholeNumber("SILO_JWKS_CACHE_SECONDS", 600, 1, 86_400),
    jwksCooldownSeconds: reader.wholeNumber("SILO_JWKS_COOLDOWN_SECONDS", 30, 0, 3600),
    jwksTimeoutMs: reader.wholeNumber("SILO_JWKS_TIMEOUT_MS", 3000, 100, 30_000),
  };
  if (env.SILO_SCOPE_CLAIM !== undefined) {
    reader.problem("SILO_SCOPE_CLAIM was renamed SILO_SCOPE_CLAIMS (a comma-separated list of claim paths)");
  }
  reader.finish("AUTHORIZER_CONFIG_INVALID", "the edge authorizer's environment");
  return config;
}

/** A comma-separated list of claim paths, each checked. */
function claimPaths(reader: EnvironmentReader, name: string, fallback: readonly string[]): string[] {
  const paths = reader.optionalList(name, fallback);
  for (const path of paths) {
    if (!isClaimPath(path)) {
      reader.problem(
        `${name} holds ${JSON.stringify(path)}, not a claim path: names joined by dots (o.id), or a URL-named claim`,
      );
    }
  }
  return paths;
}

/** `none` turns a preset's value off (a blank variable counts as unset, so it cannot). */
function noneAsEmpty(value: string): string {
  return value === "none" ? "" : value;
}
