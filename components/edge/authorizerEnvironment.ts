import { loadAuthorizerConfig } from "../../runtime/authorizer/authorizerConfig.ts";

/** How the edge authorizer verifies tokens; optional fields fall back to the authorizer's own defaults. */
export interface AuthorizerSettings {
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly jwksUrl: string;
  /** Required `typ` header. @default the authorizer's, "at+jwt" */
  readonly typ?: string | undefined;
  /** @default the authorizer's, "tenant_id" */
  readonly tenantClaim?: string | undefined;
  /** @default the authorizer's, "scope" */
  readonly scopeClaim?: string | undefined;
  /** @default the authorizer's, RS256 only */
  readonly algorithms?: readonly string[] | undefined;
}

/**
 * The edge authorizer's environment. It is checked with the authorizer's own `loadAuthorizerConfig`, so a
 * value the function would refuse at cold start fails the deployment instead.
 *
 * @example
 * authorizerEnvironment({ issuer, audience: ["silo-api"], jwksUrl }).SILO_JWT_AUDIENCE; // "silo-api"
 */
export function authorizerEnvironment(settings: AuthorizerSettings): Record<string, string> {
  const optional = (name: string, value: string | undefined) =>
    value === undefined || value === "" ? {} : { [name]: value };
  const variables: Record<string, string> = {
    SILO_JWT_ISSUER: settings.issuer,
    SILO_JWT_AUDIENCE: settings.audience.join(","),
    SILO_JWKS_URL: settings.jwksUrl,
    ...optional("SILO_JWT_TYP", settings.typ),
    ...optional("SILO_TENANT_CLAIM", settings.tenantClaim),
    ...optional("SILO_SCOPE_CLAIM", settings.scopeClaim),
    ...optional("SILO_JWT_ALGORITHMS", settings.algorithms?.join(",")),
  };
  loadAuthorizerConfig(variables);
  return variables;
}
