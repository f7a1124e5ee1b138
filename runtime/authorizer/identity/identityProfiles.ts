/**
 * Identity profiles: how each identity provider shapes its access tokens, as named presets of the
 * authorizer's identity settings. A profile only sets defaults; every setting can still be overridden by
 * its own environment variable (docs/identity.md, generated from this table by
 * `renderIdentityProfileTable`). Written by hand, not with zod: this file is in the authorizer's bundle.
 */

export const identityProfileNames = [
  "generic",
  "clerk",
  "cognito",
  "auth0",
  "entra",
  "okta",
  "keycloak",
] as const;

export type IdentityProfileName = (typeof identityProfileNames)[number];

/** Where the token's tenant comes from. */
export const tenantSources = ["claim", "prefixed-entry", "organization"] as const;
export type TenantSource = (typeof tenantSources)[number];

/** How the scope claims are written: OAuth scopes, or Clerk's organisation permissions. */
export const scopeFormats = ["standard", "clerk"] as const;
export type ScopeFormat = (typeof scopeFormats)[number];

/** The `typ` header rule: a value the header must equal, `any` (present or not), or `absent`. */
export type TypRule = string;

/** The settings a profile presets; each has its own environment variable. */
export interface IdentityPreset {
  /** `SILO_JWT_TYP` */
  readonly typ: TypRule;
  /** The claim naming the client the token was issued to (the authorized-party check). */
  readonly authorizedPartyClaim: string;
  /** `SILO_TOKEN_USE`: a required `token_use` value ("" for no check). */
  readonly tokenUse: string;
  /** `SILO_TENANT_SOURCE` */
  readonly tenantSource: TenantSource;
  /** `SILO_TENANT_CLAIM`: claim paths, the first one present wins. */
  readonly tenantClaims: readonly string[];
  /** `SILO_TENANT_PREFIX`: with `prefixed-entry`, the entry prefix naming the tenant. */
  readonly tenantPrefix: string;
  /** `SILO_SCOPE_CLAIMS`: claim paths whose scopes are combined. */
  readonly scopeClaims: readonly string[];
  /** `SILO_SCOPE_PREFIX`: stripped from each scope that has it ("" for none). */
  readonly scopePrefix: string;
  /** `SILO_SCOPE_FORMAT` */
  readonly scopeFormat: ScopeFormat;
  /** `SILO_JWT_MAX_AGE_SECONDS`: the oldest `iat` accepted. */
  readonly maxTokenAgeSeconds: number;
  /** `true` when the provider issues no `aud` fit for an API: then `SILO_AUTHORIZED_PARTIES` is required. */
  readonly noAudience: boolean;
}

/** One row of the table: the preset and why it is so. */
export interface IdentityProfile extends IdentityPreset {
  readonly name: IdentityProfileName;
  /** The provider, for docs. */
  readonly provider: string;
  /** One sentence on what this provider's tokens look like and how the preset meets them. */
  readonly notes: string;
}

export const identityProfiles: Readonly<Record<IdentityProfileName, IdentityProfile>> = {
  generic: {
    name: "generic",
    provider: "any RFC 9068 issuer (the local platform's)",
    typ: "at+jwt",
    authorizedPartyClaim: "azp",
    tokenUse: "",
    tenantSource: "claim",
    tenantClaims: ["tenant_id"],
    tenantPrefix: "",
    scopeClaims: ["scope"],
    scopePrefix: "",
    scopeFormat: "standard",
    maxTokenAgeSeconds: 3600,
    noAudience: false,
    notes: "RFC 9068 JWT access tokens: `typ: at+jwt`, a `tenant_id` claim, space-separated `scope`.",
  },
  clerk: {
    name: "clerk",
    provider: "Clerk",
    typ: "JWT",
    authorizedPartyClaim: "azp",
    tokenUse: "",
    tenantSource: "organization",
    tenantClaims: ["o.id", "org_id"],
    tenantPrefix: "",
    scopeClaims: [],
    scopePrefix: "org:",
    scopeFormat: "clerk",
    maxTokenAgeSeconds: 3600,
    noAudience: true,
    notes:
      "Session tokens have no `aud`: `azp` (the app's origin) must be in `SILO_AUTHORIZED_PARTIES`. The tenant is the active organisation (`o.id`, v1 `org_id`) mapped by the tenant file's `identity.organizationId`; scopes are its permissions `org:<feature>:<permission>` (v2 compact `o.per`/`o.fpm`/`fea`, v1 `org_permissions`) without `org:`.",
  },
  cognito: {
    name: "cognito",
    provider: "Amazon Cognito",
    typ: "absent",
    authorizedPartyClaim: "client_id",
    tokenUse: "access",
    tenantSource: "claim",
    tenantClaims: ["tenant_id"],
    tenantPrefix: "",
    scopeClaims: ["scope"],
    scopePrefix: "silo/",
    scopeFormat: "standard",
    maxTokenAgeSeconds: 86_400,
    noAudience: true,
    notes:
      "Access tokens have no `typ` and no `aud`: `client_id` must be in `SILO_AUTHORIZED_PARTIES` and `token_use` must be `access` (an ID token is refused). `tenant_id` comes from a pre-token-generation trigger; custom scopes read `silo/chat:write`.",
  },
  auth0: {
    name: "auth0",
    provider: "Auth0",
    typ: "any",
    authorizedPartyClaim: "azp",
    tokenUse: "",
    tenantSource: "organization",
    tenantClaims: ["org_id"],
    tenantPrefix: "",
    scopeClaims: ["scope", "permissions"],
    scopePrefix: "",
    scopeFormat: "standard",
    maxTokenAgeSeconds: 86_400,
    noAudience: false,
    notes:
      "`typ` is `JWT` (or `at+jwt` with the RFC 9068 profile); `aud` is the API identifier; the issuer ends with `/`. The tenant is the Auth0 Organization (`org_id`), or a namespaced claim (`SILO_TENANT_SOURCE=claim`, `SILO_TENANT_CLAIM=https://…/tenant_id`). Tokens live 24 h by default.",
  },
  entra: {
    name: "entra",
    provider: "Microsoft Entra ID",
    typ: "JWT",
    authorizedPartyClaim: "azp",
    tokenUse: "",
    tenantSource: "prefixed-entry",
    tenantClaims: ["roles"],
    tenantPrefix: "silo-tenant:",
    scopeClaims: ["scp", "roles"],
    scopePrefix: "",
    scopeFormat: "standard",
    maxTokenAgeSeconds: 5400,
    noAudience: false,
    notes:
      "v2.0 access tokens (`typ: JWT`, `aud` the API app's client id). App-only tokens carry the tenant as an app role `silo-tenant:<tenant>` in `roles`; delegated scopes are in `scp`. Multi-tenant apps: `SILO_JWT_ISSUER=https://login.microsoftonline.com/{tenantid}/v2.0` with `SILO_ISSUER_DIRECTORIES`. Tokens live 60-90 minutes.",
  },
  okta: {
    name: "okta",
    provider: "Okta",
    typ: "any",
    authorizedPartyClaim: "cid",
    tokenUse: "",
    tenantSource: "claim",
    tenantClaims: ["tenant_id"],
    tenantPrefix: "",
    scopeClaims: ["scp"],
    scopePrefix: "",
    scopeFormat: "standard",
    maxTokenAgeSeconds: 3600,
    noAudience: false,
    notes:
      "Custom authorization server access tokens: no `typ` to require, `aud` as configured (e.g. `api://silo`), `cid` the client, `scp` an array, `tenant_id` a custom claim.",
  },
  keycloak: {
    name: "keycloak",
    provider: "Keycloak",
    typ: "JWT",
    authorizedPartyClaim: "azp",
    tokenUse: "",
    tenantSource: "claim",
    tenantClaims: ["tenant_id"],
    tenantPrefix: "",
    scopeClaims: ["scope"],
    scopePrefix: "",
    scopeFormat: "standard",
    maxTokenAgeSeconds: 3600,
    noAudience: false,
    notes:
      "`typ: JWT`, `azp` the client. With the generic audience `account`, set `SILO_AUTHORIZED_PARTIES`: every client of the realm gets that audience. `tenant_id` from a user-attribute mapper.",
  },
};

/** True for a profile name; `name` may be anything read from the environment. */
export function isIdentityProfileName(name: string): name is IdentityProfileName {
  return (identityProfileNames as readonly string[]).includes(name);
}
