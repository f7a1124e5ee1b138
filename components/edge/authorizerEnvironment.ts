import { loadAuthorizerConfig } from "../../runtime/authorizer/authorizerConfig.ts";
import { SiloError } from "../../runtime/core/errors/siloError.ts";

/**
 * The shared stack's identity settings (stack config keys) and the authorizer variable each one sets. The
 * authorizer's own defaults (its identity profile's preset, docs/identity.md) apply to every key left unset.
 */
export const authorizerConfigKeys = {
  "silo:identityProfile": "SILO_IDENTITY_PROFILE",
  "silo:oidcIssuer": "SILO_OIDC_ISSUER",
  "silo:jwtIssuer": "SILO_JWT_ISSUER",
  "silo:jwksUrl": "SILO_JWKS_URL",
  "silo:jwtAudience": "SILO_JWT_AUDIENCE",
  "silo:authorizedParties": "SILO_AUTHORIZED_PARTIES",
  "silo:authorizedPartyClaim": "SILO_AUTHORIZED_PARTY_CLAIM",
  "silo:issuerDirectories": "SILO_ISSUER_DIRECTORIES",
  "silo:jwtTyp": "SILO_JWT_TYP",
  "silo:tokenUse": "SILO_TOKEN_USE",
  "silo:tenantSource": "SILO_TENANT_SOURCE",
  "silo:tenantClaim": "SILO_TENANT_CLAIM",
  "silo:tenantPrefix": "SILO_TENANT_PREFIX",
  "silo:scopeClaims": "SILO_SCOPE_CLAIMS",
  "silo:scopePrefix": "SILO_SCOPE_PREFIX",
  "silo:scopeFormat": "SILO_SCOPE_FORMAT",
  "silo:jwtMaxAgeSeconds": "SILO_JWT_MAX_AGE_SECONDS",
  "silo:jwtAlgorithms": "SILO_JWT_ALGORITHMS",
} as const;

export type AuthorizerConfigKey = keyof typeof authorizerConfigKeys;

/** How the edge authorizer verifies tokens: the identity settings set in stack config, as text. */
export type AuthorizerSettings = Readonly<Partial<Record<AuthorizerConfigKey, string>>>;

/**
 * The edge authorizer's environment. It is checked with the authorizer's own `loadAuthorizerConfig`, so a
 * value the function would refuse at cold start fails the deployment instead, with each problem naming the
 * stack config key to set rather than the variable.
 *
 * @example
 * authorizerEnvironment({ "silo:identityProfile": "auth0", "silo:oidcIssuer": "https://acme.eu.auth0.com/", "silo:jwtAudience": "silo-api" });
 * // { SILO_IDENTITY_PROFILE: "auth0", SILO_OIDC_ISSUER: "https://acme.eu.auth0.com/", SILO_JWT_AUDIENCE: "silo-api" }
 */
export function authorizerEnvironment(settings: AuthorizerSettings): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [key, variable] of Object.entries(authorizerConfigKeys)) {
    const value = settings[key as AuthorizerConfigKey]?.trim();
    if (value !== undefined && value !== "") variables[variable] = value;
  }
  try {
    loadAuthorizerConfig(variables);
  } catch (error) {
    if (!(error instanceof SiloError)) throw error;
    throw new SiloError(error.code, inStackConfigTerms(error.message));
  }
  return variables;
}

/** The authorizer's message with each variable named by the stack config key that sets it. */
export function inStackConfigTerms(message: string): string {
  let text = message.replace("the edge authorizer's environment", "the shared stack's identity settings");
  for (const [key, variable] of Object.entries(authorizerConfigKeys)) {
    text = text.replace(new RegExp(`\\b${variable}\\b`, "g"), key);
  }
  return text;
}
