import type { KeyObject } from "node:crypto";
import { type CompactJWSHeaderParameters, CompactSign } from "jose";

/**
 * Access tokens shaped exactly as each identity provider issues them: the protected header and the payload
 * (every claim the provider's documentation shows, with realistic values), for tests of the authorizer's
 * identity profiles. Sign them with {@link signWith}, which signs the JSON as given, so a header without
 * `typ` or any claim shape is possible.
 *
 * Every builder takes the values a test changes (issuer, the tenant-bearing value, scopes, the client, the
 * time) and defaults the rest. Times: `iat` is `nowSeconds` unless `issuedAtSeconds` is given, and each
 * provider's default lifetime applies unless `lifetimeSeconds` is given.
 */

/** A token to sign: the JOSE protected header and the JWT claims. */
export interface ProviderToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** What every builder accepts. */
export interface ProviderTokenOptions {
  /** The current time, in seconds since the epoch. */
  readonly nowSeconds: number;
  /** `iat` (and the times derived from it); `nowSeconds` by default. */
  readonly issuedAtSeconds?: number;
  /** `exp - iat`; the provider's default lifetime otherwise. */
  readonly lifetimeSeconds?: number;
  /** The `iss` claim (for Auth0, keep the trailing `/`). */
  readonly issuer?: string;
  /** The silo tenant the token carries, where the provider carries one (see each builder). */
  readonly tenant?: string;
  /** The provider's organisation (Clerk `org_...`, Auth0 `org_...`, Entra directory GUID). */
  readonly organizationId?: string;
  /** Silo scopes as the API names them (`chat:write`); each builder writes them the provider's way. */
  readonly scopes?: readonly string[];
  /** The client the token was issued to (the authorized party): a client id, or Clerk's origin. */
  readonly clientId?: string;
  /** The subject. */
  readonly subject?: string;
  /** The header's `kid`. */
  readonly kid?: string;
}

const defaultScopes = ["chat:write", "models:read"] as const;

function times(options: ProviderTokenOptions, defaultLifetime: number) {
  const iat = options.issuedAtSeconds ?? options.nowSeconds;
  return { iat, exp: iat + (options.lifetimeSeconds ?? defaultLifetime) };
}

/** Signs `token` with RS256 (or the header's own `alg`) over its JSON exactly as given, with jose. */
export async function signWith(privateKey: KeyObject, token: ProviderToken): Promise<string> {
  const header = { alg: "RS256", ...token.header } as CompactJWSHeaderParameters;
  return new CompactSign(new TextEncoder().encode(JSON.stringify(token.payload)))
    .setProtectedHeader(header)
    .sign(privateKey);
}

// ---------------------------------------------------------------------------------------------------------
// Clerk
// ---------------------------------------------------------------------------------------------------------

/** Options of the Clerk session token builders. */
export interface ClerkTokenOptions extends ProviderTokenOptions {
  /** The organisation role, without `org:` (v2 `o.rol`); `admin` by default. */
  readonly role?: string;
  /** User-scoped features listed in `fea` before the organisation's (`u:<feature>`): they take no `fpm` slot. */
  readonly userFeatures?: readonly string[];
  /** `false` for a token of a user with no active organisation (no `o` claim, no `org_*` claims). */
  readonly activeOrganization?: boolean;
}

const clerkHeader = (kid: string | undefined) => ({
  alg: "RS256",
  // Clerk's token category for session tokens (JWT_CATEGORY_SESSION_TOKEN in @clerk/backend).
  cat: "cl_B7d4PD111AAA",
  kid: kid ?? "ins_2bLQ7vVyZ1oHcTNQfWxA3dCE9sK",
  typ: "JWT",
});

/** The features and permission names of silo scopes `<feature>:<permission>`, encoded as Clerk's v2 claims. */
function clerkCompactPermissions(scopes: readonly string[]) {
  const features: string[] = [];
  const names: string[] = [];
  const grants = new Map<string, Set<string>>();
  for (const scope of scopes) {
    const [feature = "", name = ""] = scope.split(":");
    if (!features.includes(feature)) features.push(feature);
    if (!names.includes(name)) names.push(name);
    const granted = grants.get(feature) ?? new Set<string>();
    granted.add(name);
    grants.set(feature, granted);
  }
  // Bit i of a feature's mask is the i-th name of `per` (least significant bit first).
  const masks = features.map((feature) =>
    names.reduce((mask, name, bit) => (grants.get(feature)?.has(name) ? mask + 2 ** bit : mask), 0),
  );
  return { features, per: names.join(","), fpm: masks.join(",") };
}

/**
 * A Clerk **session token, version 2** (the default since Clerk's API version 2025-04-10), as the Frontend
 * API issues it for a user with an active organisation.
 *
 * Header: `alg: RS256`, `cat` (Clerk's token category), `kid` (the instance's key, `ins_...`),
 * `typ: "JWT"`. Payload: the default claims `azp` (the Origin of the request: an origin URL, not a client
 * id), `exp`, `fva`, `iat`, `iss` (the Frontend API URL), `jti`, `nbf`, `sid`, `sts`, `sub` (`user_...`),
 * `v: 2`, `fea`, and the organisation claim `o: { id, rol, slg, per, fpm }`. There is **no `aud`**: silo
 * checks `azp` against `SILO_AUTHORIZED_PARTIES`. Default lifetime 60 s, `nbf` 10 s before `iat` (as
 * Clerk issues them).
 *
 * Tenant: the active organisation, `o.id` (`organizationId`, mapped to the silo tenant by the tenant file's
 * `identity.organizationId`) and its slug `o.slg` (`tenant`). Scopes: silo scope `chat:write` is the
 * organisation permission `org:chat:write` (feature `chat`, permission `write`), written compactly in
 * `fea`/`o.per`/`o.fpm` (see runtime/authorizer/identity/clerkPermissions.ts for the encoding).
 *
 * Sources: https://clerk.com/docs/guides/sessions/session-tokens (claim tables, "Version 2");
 * https://clerk.com/changelog/2025-04-14-session-token-jwt-v2; the `cat` header constant and the v2
 * decoding in https://github.com/clerk/javascript (`packages/shared/src/jwtPayloadParser.ts`).
 */
export function clerkSessionTokenV2(options: ClerkTokenOptions): ProviderToken {
  const { iat, exp } = times(options, 60);
  const compact = clerkCompactPermissions(options.scopes ?? defaultScopes);
  const userFeatures = (options.userFeatures ?? []).map((feature) => `u:${feature}`);
  const fea = [...userFeatures, ...compact.features.map((feature) => `o:${feature}`)].join(",");
  const active = options.activeOrganization ?? true;
  const payload: Record<string, unknown> = {
    azp: options.clientId ?? "https://app.acme-health.example",
    exp,
    fva: [3, -1],
    iat,
    iss: options.issuer ?? "https://clerk.acme-health.example",
    jti: "4f0e1b9d2c7a6e8f5b3d",
    nbf: iat - 10,
    sid: "sess_2bLR0c8XkD3m5fGhJ7nQpT1vWyZ",
    sts: "active",
    sub: options.subject ?? "user_2bLQx9EJc4V7m2KpR5tYwN8aHdF",
    v: 2,
  };
  if (active) {
    payload.fea = fea;
    payload.o = {
      id: options.organizationId ?? "org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd",
      rol: options.role ?? "admin",
      slg: options.tenant ?? "acme-health",
      per: compact.per,
      fpm: compact.fpm,
    };
  } else if (userFeatures.length > 0) {
    payload.fea = userFeatures.join(",");
  }
  return { header: clerkHeader(options.kid), payload };
}

/**
 * A Clerk **session token, version 1** (deprecated on 2025-04-14, still issued by instances that have not
 * upgraded). Same header as version 2. Payload: `azp`, `exp`, `fva`, `iat`, `iss`, `nbf`, `sid`, `sub`,
 * and, with an active organisation, `org_id`, `org_permissions` (full keys `org:<feature>:<permission>`),
 * `org_role` (`org:admin`) and `org_slug`. No `v`, no `aud`.
 *
 * Tenant: `org_id` (`organizationId`) and `org_slug` (`tenant`).
 *
 * Source: https://clerk.com/docs/guides/sessions/session-tokens ("Version 1" tab).
 */
export function clerkSessionTokenV1(options: ClerkTokenOptions): ProviderToken {
  const { iat, exp } = times(options, 60);
  const payload: Record<string, unknown> = {
    azp: options.clientId ?? "https://app.acme-health.example",
    exp,
    fva: [3, -1],
    iat,
    iss: options.issuer ?? "https://clerk.acme-health.example",
    nbf: iat - 10,
    sid: "sess_2bLR0c8XkD3m5fGhJ7nQpT1vWyZ",
    sub: options.subject ?? "user_2bLQx9EJc4V7m2KpR5tYwN8aHdF",
  };
  if (options.activeOrganization ?? true) {
    payload.org_id = options.organizationId ?? "org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd";
    payload.org_permissions = (options.scopes ?? defaultScopes).map((scope) => `org:${scope}`);
    payload.org_role = `org:${options.role ?? "admin"}`;
    payload.org_slug = options.tenant ?? "acme-health";
  }
  return { header: clerkHeader(options.kid), payload };
}

// ---------------------------------------------------------------------------------------------------------
// Amazon Cognito
// ---------------------------------------------------------------------------------------------------------

/** Options of the Cognito builders. */
export interface CognitoTokenOptions extends ProviderTokenOptions {
  /** The resource server identifier that prefixes custom scopes (`silo/chat:write`); `silo` by default. */
  readonly resourceServer?: string;
  /** Other scopes granted as they are (`openid`, `email`, `aws.cognito.signin.user.admin`). */
  readonly standardScopes?: readonly string[];
  /** `cognito:groups` of a user token; none by default. */
  readonly groups?: readonly string[];
}

const cognitoIssuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Qm7Xv2BdT";
const cognitoClientId = "3n4b5urk1ft4fl3mg5e62d9ado";
// A user pool's key id is a base64 string (the docs' example is "1234example=").
const cognitoHeader = (kid: string | undefined) => ({
  kid: kid ?? "bNc9Q2w4fTz8R1mKx5YvJ0pLhD3sGaE7uW6iOqZ1cXk=",
  alg: "RS256",
});

function cognitoScope(options: CognitoTokenOptions, standard: readonly string[]): string {
  const server = options.resourceServer ?? "silo";
  const custom = (options.scopes ?? defaultScopes).map((scope) => `${server}/${scope}`);
  return [...(options.standardScopes ?? standard), ...custom].join(" ");
}

/**
 * An Amazon Cognito user pool **access token of a user** (authorization code grant through managed login).
 *
 * Header: only `kid` and `alg` (**no `typ`**). Payload: `sub` (the user's UUID), `cognito:groups` (when the
 * user is in groups), `iss` (`https://cognito-idp.<region>.amazonaws.com/<userPoolId>`), `version: 2`,
 * `client_id` (the app client: silo's authorized-party claim), `origin_jti`, `event_id`,
 * `token_use: "access"`, `scope` (space-separated; custom scopes `<resource server>/<scope>`, here
 * `silo/chat:write`), `auth_time`, `exp`, `iat`, `jti`, `username`. There is **no `aud`**. Default
 * lifetime 1 hour.
 *
 * Tenant: `tenant_id`, added to the access token by a pre token generation Lambda trigger with the
 * `V2_0` event (`claimsAndScopeOverrideDetails.accessTokenGeneration.claimsToAddOrOverride`), for example
 * from the user attribute `custom:tenant_id`. Absent when `tenant` is not given.
 *
 * Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
 * (header and payload); https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 * (the V2_0 access token customisation).
 */
export function cognitoAccessToken(options: CognitoTokenOptions): ProviderToken {
  const { iat, exp } = times(options, 3600);
  const sub = options.subject ?? "94e8c4a8-3071-70b6-2f1d-6c0e5b1a7d42";
  const payload: Record<string, unknown> = { sub };
  if (options.groups !== undefined) payload["cognito:groups"] = [...options.groups];
  Object.assign(payload, {
    iss: options.issuer ?? cognitoIssuer,
    version: 2,
    client_id: options.clientId ?? cognitoClientId,
    origin_jti: "1b3f5c7e-9a2d-4e6f-8b0c-2d4f6a8c0e1b",
    event_id: "7c9e1a3b-5d7f-4b2c-9e4a-6f8b0d2c4e6a",
    token_use: "access",
    scope: cognitoScope(options, ["openid", "email"]),
    auth_time: iat,
    exp,
    iat,
    jti: "e5a7c9b1-3d5f-4a8c-b2e4-6a8c0e2f4b6d",
    username: sub,
  });
  if (options.tenant !== undefined) payload.tenant_id = options.tenant;
  return { header: cognitoHeader(options.kid), payload };
}

/**
 * An Amazon Cognito **client credentials** (machine-to-machine) access token, from the token endpoint with
 * an app client secret.
 *
 * Header: `kid` and `alg` only (**no `typ`**). Payload: `sub` **equal to the app client id**,
 * `token_use: "access"`, `scope` (custom scopes only, `silo/chat:write`), `auth_time`, `iss`, `exp`,
 * `iat`, `version: 2`, `jti`, `client_id`. No `aud`, no `username`, no `origin_jti`/`event_id`. Default
 * lifetime 1 hour.
 *
 * Tenant: `tenant_id` only when a pre token generation trigger with the **`V3_0`** event adds it (the
 * `V2_0` event customises the access tokens of users, not of client credentials grants).
 *
 * Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html;
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 * ("Version three event responses apply to access tokens from ... machine authentication").
 */
export function cognitoClientCredentialsToken(options: CognitoTokenOptions): ProviderToken {
  const { iat, exp } = times(options, 3600);
  const clientId = options.clientId ?? cognitoClientId;
  const payload: Record<string, unknown> = {
    sub: options.subject ?? clientId,
    token_use: "access",
    scope: cognitoScope(options, []),
    auth_time: iat,
    iss: options.issuer ?? cognitoIssuer,
    exp,
    iat,
    version: 2,
    jti: "0d2f4b6a-8c1e-4a3b-9d5f-7b9d1f3a5c7e",
    client_id: clientId,
  };
  if (options.tenant !== undefined) payload.tenant_id = options.tenant;
  return { header: cognitoHeader(options.kid), payload };
}

// ---------------------------------------------------------------------------------------------------------
// Auth0
// ---------------------------------------------------------------------------------------------------------

/** Options of the Auth0 builder. */
export interface Auth0TokenOptions extends ProviderTokenOptions {
  /** The API identifier (the `audience` requested); `https://api.silo.example` by default. */
  readonly audience?: string;
  /** The namespaced claim a post-login Action writes the tenant to; `https://silo.example/tenant_id`. */
  readonly tenantClaim?: string;
}

/**
 * An Auth0 **access token for a custom API** (Auth0 token profile, the default), of a user who logged in
 * through an Organization with `openid` requested, RBAC on and "Add Permissions in the Access Token" on
 * (token dialect `access_token_authz`).
 *
 * Header: `alg: RS256`, `typ: "JWT"`, `kid`. Payload: `iss` (`https://<tenant domain>/`, **with the
 * trailing slash**), `sub` (`auth0|...`), `aud` an **array** `[<API identifier>, "https://<domain>/userinfo"]`
 * (a string when `openid` is not requested), `iat`, `exp`, `scope` (space-separated, the requested
 * scopes), `azp` (the application's client id: silo's authorized-party claim), `org_id` (the
 * Organization), `permissions` (the user's RBAC permissions for this API, an array) and a namespaced custom
 * claim set by an Action. Default lifetime 86400 s (the API's default token expiration).
 *
 * Tenant: the Organization, `org_id` (`organizationId`, `org_` + 16 characters, mapped by the tenant file's
 * `identity.organizationId`), or the namespaced claim `https://<namespace>/tenant_id` (`tenant`, written
 * by a post-login Action with `api.accessToken.setCustomClaim`). Scopes: silo scopes are the API's
 * permissions (`chat:write`) in `permissions`, and in `scope` when requested.
 *
 * Sources: https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles (sample token);
 * https://auth0.com/docs/manage-users/organizations/using-tokens (`org_id` in access tokens);
 * https://auth0.com/docs/get-started/apis/enable-role-based-access-control-for-apis (`permissions`);
 * https://auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims (namespaced claims).
 */
export function auth0AccessToken(options: Auth0TokenOptions): ProviderToken {
  const { iat, exp } = times(options, 86_400);
  const issuer = options.issuer ?? "https://acme-health.us.auth0.com/";
  const scopes = options.scopes ?? defaultScopes;
  const payload: Record<string, unknown> = {
    iss: issuer,
    sub: options.subject ?? "auth0|65f1c2d3e4a5b6c7d8e9f0a1",
    aud: [options.audience ?? "https://api.silo.example", `${issuer.replace(/\/$/, "")}/userinfo`],
    iat,
    exp,
    scope: ["openid", "profile", "email", ...scopes].join(" "),
    azp: options.clientId ?? "Xq7Ld2PzR9mVb4NcT1yKs8WfHj3GaE6u",
    org_id: options.organizationId ?? "org_W30IJO6I4KAhs1Rg",
    permissions: [...scopes],
  };
  if (options.tenant !== undefined)
    payload[options.tenantClaim ?? "https://silo.example/tenant_id"] = options.tenant;
  return { header: { alg: "RS256", typ: "JWT", kid: options.kid ?? "qT3xVb8nR1mKc5YwJ0pLhD" }, payload };
}

// ---------------------------------------------------------------------------------------------------------
// Microsoft Entra ID
// ---------------------------------------------------------------------------------------------------------

/** Options of the Entra builders. `organizationId` is the directory (tenant) id, the `tid` claim. */
export interface EntraTokenOptions extends ProviderTokenOptions {
  /** The API's application (client) id: a v2.0 token's `aud`. */
  readonly audience?: string;
  /** The prefix of the app role naming the silo tenant; `silo-tenant:` by default. */
  readonly tenantRolePrefix?: string;
}

const entraDirectory = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const entraApi = "6e74172b-be56-4843-9ff4-e66a39bb12e3";
const entraHeader = (kid: string | undefined) => ({
  typ: "JWT",
  alg: "RS256",
  kid: kid ?? "CNv0OI3RwqlHFEVnaoMAshCH2XE",
});

function entraCommon(options: EntraTokenOptions, defaultClient: string) {
  const { iat, exp } = times(options, 4530);
  const tid = options.organizationId ?? entraDirectory;
  return {
    aud: options.audience ?? entraApi,
    iss: options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`,
    iat,
    nbf: iat,
    exp,
    aio: "AWQAm/8ZAAAAx3GZPpRk0Ym6bYzNjvKwc2UXn0S6Qz1Dxb3u9rT7hW2o",
    azp: options.clientId ?? defaultClient,
    tid,
  };
}

function entraTenantRoles(options: EntraTokenOptions): string[] {
  return options.tenant === undefined
    ? []
    : [`${options.tenantRolePrefix ?? "silo-tenant:"}${options.tenant}`];
}

/**
 * A Microsoft Entra ID **v2.0 delegated (user) access token** for the silo API (its app registration has
 * `accessTokenAcceptedVersion: 2`), requested by a client application on behalf of a signed-in user.
 *
 * Header: `typ: "JWT"`, `alg: RS256`, `kid` (no `x5t` in v2.0 tokens). Payload: `aud` (in v2.0 tokens
 * always the API's client id), `iss` (`https://login.microsoftonline.com/<tid>/v2.0`), `iat`, `nbf`,
 * `exp`, `aio`, `azp` (the client application's id: silo's authorized-party claim), `azpacr`, `name`,
 * `oid`, `preferred_username`, `rh`, `roles` (app roles assigned to the user, when any), `scp` (the
 * delegated scopes, **space-separated**), `sid`, `sub`, `tid` (the directory), `uti`, `ver: "2.0"`.
 * Lifetime 60-90 minutes (here 4530 s).
 *
 * Tenant: an app role `silo-tenant:<tenant>` assigned to the user (or a group) appears in `roles`; or the
 * directory itself, `tid` (`organizationId`), mapped by the tenant file's `identity.organizationId`.
 *
 * Sources: https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference (header and
 * payload claims; MicrosoftDocs/entra-docs `docs/identity-platform/access-token-claims-reference.md`);
 * https://learn.microsoft.com/entra/identity-platform/access-tokens (token lifetime);
 * https://learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps (app roles in `roles`).
 */
export function entraDelegatedAccessToken(options: EntraTokenOptions): ProviderToken {
  const common = entraCommon(options, "d3b07384-d113-4ec6-a7b2-9f3c1a5e8b21");
  const oid = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  const payload: Record<string, unknown> = {
    aud: common.aud,
    iss: common.iss,
    iat: common.iat,
    nbf: common.nbf,
    exp: common.exp,
    aio: common.aio,
    azp: common.azp,
    azpacr: "0",
    name: "Dana Whitfield",
    oid,
    preferred_username: "dana.whitfield@acme-health.example",
    rh: "1.AVEAv4j5cvGGr0GRqy180BHbRysXdG5WvkNIn_bmSjm7EuNRAHY.",
    scp: (options.scopes ?? defaultScopes).join(" "),
    sid: "00a1b2c3-d4e5-4f60-a7b8-c9d0e1f2a3b4",
    sub: options.subject ?? "Qx5B6o3Y0Fv7mWkR9cTnLhD2aJ8pE1sZ4uGiC_yNqVw",
    tid: common.tid,
    uti: "mK3PzVb8SEq1n5YwJ0pLAA",
    ver: "2.0",
  };
  const roles = entraTenantRoles(options);
  if (roles.length > 0) payload.roles = roles;
  return { header: entraHeader(options.kid), payload };
}

/**
 * A Microsoft Entra ID **v2.0 app-only access token** (client credentials grant, `scope=<api>/.default`).
 *
 * Header as the delegated token (`typ: "JWT"`). Payload: `aud`, `iss`, `iat`, `nbf`, `exp`, `aio`, `azp`
 * (the calling application), `azpacr: "1"` (client secret; `"2"` for a certificate), `oid` and `sub` (the
 * calling service principal), `rh`, `roles` (the **application permissions**, i.e. app roles granted to the
 * client: silo scopes such as `chat:write` and the tenant role `silo-tenant:<tenant>`), `tid`, `uti`,
 * `ver: "2.0"`. **No `scp`**, no `name` or `preferred_username`.
 *
 * Tenant: the app role `silo-tenant:<tenant>` in `roles` (`tenant`), or the directory `tid`.
 *
 * Sources: https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference (`roles`: "The
 * client credential flow uses this set of permission in place of user scopes for application tokens");
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow.
 */
export function entraAppOnlyAccessToken(options: EntraTokenOptions): ProviderToken {
  const common = entraCommon(options, "5f8c2a91-3b7d-4e6a-9c1f-8d2e4b6a0c3e");
  const servicePrincipal = "8b2d4f6a-1c3e-4a5b-9d7f-0e2c4a6b8d1f";
  const payload: Record<string, unknown> = {
    aud: common.aud,
    iss: common.iss,
    iat: common.iat,
    nbf: common.nbf,
    exp: common.exp,
    aio: common.aio,
    azp: common.azp,
    azpacr: "1",
    oid: servicePrincipal,
    rh: "1.AVEAv4j5cvGGr0GRqy180BHbRysXdG5WvkNIn_bmSjm7EuNRAAA.",
    roles: [...(options.scopes ?? defaultScopes), ...entraTenantRoles(options)],
    sub: options.subject ?? servicePrincipal,
    tid: common.tid,
    uti: "Zr8QwXn2HkS4m7VbT1pLAA",
    ver: "2.0",
  };
  return { header: entraHeader(options.kid), payload };
}

// ---------------------------------------------------------------------------------------------------------
// Okta
// ---------------------------------------------------------------------------------------------------------

/** Options of the Okta builder. */
export interface OktaTokenOptions extends ProviderTokenOptions {
  /** The authorization server's audience; `api://silo` by default. */
  readonly audience?: string;
}

/**
 * An Okta **custom authorization server** access token (API Access Management), authorization code flow.
 *
 * Header: `kid` and `alg` only (**no `typ`**). Payload: `ver: 1`, `jti` (`AT.` + an id), `iss`
 * (`https://<org>.okta.com/oauth2/<authorization server id>`), `aud` (the authorization server's
 * audience, e.g. `api://silo`), `iat`, `exp`, `cid` (the client id: silo's authorized-party claim), `uid`
 * (the user's Okta id, `00u...`), `scp` (the granted scopes, an **array**), `auth_time`, `sub` (the
 * user's login), and custom claims. Default lifetime 1 hour.
 *
 * Tenant: a custom claim `tenant_id` added on the authorization server (Claims tab: include in the access
 * token, value an Okta Expression Language expression such as `user.tenantId`).
 *
 * Sources: https://developer.okta.com/docs/reference/api/oidc/#access-token-scopes-and-claims (reserved
 * claims `ver`, `jti`, `iss`, `aud`, `iat`, `exp`, `cid`, `uid`, `scp`, `auth_time`, `sub`);
 * https://developer.okta.com/docs/guides/customize-authz-server/main/ and
 * https://help.okta.com/en-us/Content/topics/security/api-config-claims.htm (custom claims).
 */
export function oktaAccessToken(options: OktaTokenOptions): ProviderToken {
  const { iat, exp } = times(options, 3600);
  const payload: Record<string, unknown> = {
    ver: 1,
    jti: "AT.Kp3xVb8nR1mKc5YwJ0pLhD2aJ8pE1sZ4uGiCyNqVwT0",
    iss: options.issuer ?? "https://acme-health.okta.com/oauth2/aus8x2k1q4ZbW7vYp5d7",
    aud: options.audience ?? "api://silo",
    iat,
    exp,
    cid: options.clientId ?? "0oa8x2k9f3LmQ7vYp5d7",
    uid: "00u8x2jz4hT6nWcQp5d7",
    scp: [...(options.scopes ?? defaultScopes)],
    auth_time: iat,
    sub: options.subject ?? "dana.whitfield@acme-health.example",
  };
  if (options.tenant !== undefined) payload.tenant_id = options.tenant;
  return {
    header: { kid: options.kid ?? "Wd1nUq5qRk3mZ8vB0xYcT7pLhD2aJ8pE1sZ4uGiCyNq", alg: "RS256" },
    payload,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Keycloak
// ---------------------------------------------------------------------------------------------------------

/** Options of the Keycloak builder. */
export interface KeycloakTokenOptions extends ProviderTokenOptions {
  /** `aud`: `account` by default (the audience every realm user gets through the `account` client roles). */
  readonly audience?: string | readonly string[];
}

/**
 * A Keycloak **access token** (OpenID Connect, authorization code flow, default client scopes).
 *
 * Header: `alg: RS256`, `typ: "JWT"`, `kid`. Payload: `exp`, `iat`, `auth_time`, `jti`, `iss`
 * (`https://<host>/realms/<realm>`), `aud` (by default `account`, added by the Audience Resolve mapper of
 * the `roles` client scope because every user has `account` client roles: not an audience for silo),
 * `sub`, `typ: "Bearer"`, `azp` (the client the token was issued to: silo's authorized-party claim),
 * `sid`, `acr`, `allowed-origins`, `realm_access.roles`, `resource_access.account.roles`, `scope`
 * (space-separated; client scopes named like silo scopes, `chat:write`), `email_verified`, `name`,
 * `preferred_username`, `given_name`, `family_name`, `email`. Default lifetime 300 s.
 *
 * Tenant: `tenant_id`, from a User Attribute mapper (user attribute `tenant_id`, token claim name
 * `tenant_id`, "Add to access token" on) in a client scope.
 *
 * Sources: https://www.keycloak.org/docs/latest/server_admin/ ("Audience support": Audience Resolve and the
 * Audience mapper; "Protocol mappers": User Attribute);
 * https://www.keycloak.org/docs-api/latest/javadocs/org/keycloak/protocol/oidc/mappers/AudienceResolveProtocolMapper.html
 * ("adds all client_ids of 'allowed' clients to the audience ... the client for which user has at least
 * one client role"); https://phasetwo.io/tutorials/clients/audience/ (why `aud` is `account` on a new
 * realm, and that Keycloak never adds the client itself: that is `azp`).
 */
export function keycloakAccessToken(options: KeycloakTokenOptions): ProviderToken {
  const { iat, exp } = times(options, 300);
  const audience = options.audience ?? "account";
  const payload: Record<string, unknown> = {
    exp,
    iat,
    auth_time: iat,
    jti: "0b6e2f8a-4c1d-4e7b-9a3f-5d8c2e6b1a4f",
    iss: options.issuer ?? "https://sso.acme-health.example/realms/silo",
    aud: typeof audience === "string" ? audience : [...audience],
    sub: options.subject ?? "5b7d9f1a-3c5e-4a7b-9d1f-3b5d7f9a1c3e",
    typ: "Bearer",
    azp: options.clientId ?? "silo-console",
    sid: "9d3e5f7a-1b2c-4d6e-8f0a-2b4c6d8e0f1a",
    acr: "1",
    "allowed-origins": ["https://console.acme-health.example"],
    realm_access: { roles: ["default-roles-silo", "offline_access", "uma_authorization"] },
    resource_access: { account: { roles: ["manage-account", "manage-account-links", "view-profile"] } },
    scope: ["openid", "profile", "email", ...(options.scopes ?? defaultScopes)].join(" "),
    email_verified: true,
    name: "Dana Whitfield",
    preferred_username: "dana.whitfield",
    given_name: "Dana",
    family_name: "Whitfield",
    email: "dana.whitfield@acme-health.example",
  };
  if (options.tenant !== undefined) payload.tenant_id = options.tenant;
  return {
    header: { alg: "RS256", typ: "JWT", kid: options.kid ?? "h7Rk2Vx9QpLm4TnB8cWz1YdF6gJs3Ka5uE0oNiXt2Pq" },
    payload,
  };
}
