import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JWK } from "jose";
import Provider, { type ClientMetadata, type Configuration, errors, interactionPolicy } from "oidc-provider";
import { serveDevLogin } from "./devLoginInteraction.ts";
import type { LocalOAuthClients } from "./localOAuthClients.ts";
import { LocalOidcStore } from "./localOidcStore.ts";

/**
 * The resource indicator (RFC 8707) of the tenant APIs. oidc-provider requires an absolute URI; the token's
 * `aud` is the audience the authorizer expects, `silo-local`, set in the resource server's info.
 */
export const localResource = "urn:silo:local";

/** What the local OpenID Provider is built from. */
export interface LocalOpenIdProviderArgs {
  /** `<gateway>/_idp`; its path is where the provider is mounted. */
  readonly issuer: string;
  /** The `aud` of its access tokens. */
  readonly audience: string;
  /** The dev identity provider's current signing key (private JWK); a new `kid` rebuilds the provider. */
  readonly signingKey: () => { readonly kid: string; readonly privateJwk: JWK };
  readonly clients: LocalOAuthClients;
  /** The scopes a tenant token may carry; all of them when a request names none. */
  readonly tenantScopes: readonly string[];
  /** @default 900 */
  readonly accessTokenTtlSeconds?: number;
}

/**
 * The local platform's OpenID Provider: oidc-provider (OpenID Certified) mounted at the issuer's path, with
 * client credentials for each tenant's `<tenant>-app`, authorization code with PKCE (S256) for each
 * tenant's public `<tenant>-web` behind a development login ({@link serveDevLogin}), and RFC 9068 JWT access
 * tokens the edge authorizer accepts as they are: `typ: at+jwt`, RS256 with the dev identity provider's
 * signing key, `aud` the platform's audience, `tenant_id` the client's tenant, `scope` limited to the
 * tenant scopes. Discovery's `jwks_uri` is `<issuer>/jwks.json`, which the gateway answers from the dev
 * identity provider (so outage and withdrawal drills apply), never this provider.
 *
 * When the dev identity provider's signing key changes (a rotation), the next request builds a new
 * provider instance with it; sessions, grants and sign-ins in progress are kept outside the instance
 * ({@link LocalOidcStore}) and carry over.
 *
 * @example
 * const openId = openLocalOpenIdProvider({ issuer, audience, signingKey, clients, tenantScopes });
 * // in the gateway, for every /_idp/* request:
 * await openId.handle(request, response);
 */
export function openLocalOpenIdProvider(args: LocalOpenIdProviderArgs) {
  const mountPath = new URL(args.issuer).pathname.replace(/\/$/, "");
  const store = new LocalOidcStore();
  // Cookies of a sign-in in progress must still verify after a rebuild: one key for the platform's life.
  const cookieKeys = [randomBytes(32).toString("base64url")];
  const tenantOfClient = new Map<string, string>();
  for (const [tenantId, tenantClients] of Object.entries(args.clients)) {
    tenantOfClient.set(tenantClients.app.clientId, tenantId);
    tenantOfClient.set(tenantClients.web.clientId, tenantId);
  }
  let built: { kid: string; provider: Provider; callback: ReturnType<Provider["callback"]> } | undefined;
  const current = () => {
    const key = args.signingKey();
    if (built?.kid !== key.kid) {
      const provider = new Provider(args.issuer, configuration(key.privateJwk));
      built = { kid: key.kid, provider, callback: provider.callback() };
    }
    return built;
  };

  // Built now, so a configuration oidc-provider refuses fails the platform's start, not a first sign-in.
  current();

  function configuration(privateJwk: JWK): Configuration {
    const ttl = args.accessTokenTtlSeconds ?? 900;
    const policy = interactionPolicy.base();
    // A development login: every sign-in shows the form, so a browser signed in for one tenant's app is
    // asked again for another's (the tenant check is in the form's answer).
    policy
      .get("login")
      ?.checks.add(
        new interactionPolicy.Check("dev_login", "the development login asks on every sign-in", (ctx) =>
          ctx.oidc.result?.login === undefined
            ? interactionPolicy.Check.REQUEST_PROMPT
            : interactionPolicy.Check.NO_NEED_TO_PROMPT,
        ),
      );
    return {
      adapter: (model: string) => store.adapter(model),
      clients: clientMetadata(args.clients),
      jwks: { keys: [privateJwk as NonNullable<Configuration["jwks"]>["keys"][number]] },
      cookies: { keys: cookieKeys },
      findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
      // Only OIDC scopes here: the tenant scopes belong to the resource server, and listing them here
      // would make each one an OpenID scope to consent to.
      scopes: ["openid"],
      claims: { openid: ["sub"] },
      routes: { jwks: "/jwks.json" },
      pkce: { required: () => true },
      interactions: {
        policy,
        url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
      },
      ttl: {
        AccessToken: ttl,
        ClientCredentials: ttl,
        AuthorizationCode: 60,
        IdToken: ttl,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => localResource,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource) => {
            if (resource !== localResource)
              throw new errors.InvalidTarget(`unknown resource ${resource}; use ${localResource} or none`);
            return {
              scope: args.tenantScopes.join(" "),
              audience: args.audience,
              accessTokenFormat: "jwt",
              accessTokenTTL: ttl,
              jwt: { sign: { alg: "RS256" } },
            };
          },
        },
      },
      formats: {
        customizers: {
          jwt: (_ctx, token, parts) => {
            const clientId = String(token.clientId ?? "");
            parts.payload.tenant_id = tenantOfClient.get(clientId);
            // RFC 6749 3.3: a request without scope gets the default, here every tenant scope.
            if (!parts.payload.scope) parts.payload.scope = args.tenantScopes.join(" ");
          },
        },
      },
      // A browser app on a dev server (any loopback port) may call the token endpoint.
      clientBasedCORS: (_ctx, origin, client) =>
        client.clientAuthMethod === "none" && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin),
      renderError: (ctx, out) => {
        ctx.type = "text/plain; charset=utf-8";
        ctx.body = `${out.error}: ${out.error_description ?? ""}\n`;
      },
    };
  }

  return {
    /** The provider's mount path, `/_idp`. */
    mountPath,
    /** Answers one request under the mount path (the gateway answers `jwks.json` before it gets here). */
    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const { provider, callback } = current();
      const url = request.url ?? "/";
      if (url.startsWith(`${mountPath}/interaction/`)) {
        return serveDevLogin(provider, request, response, {
          tenantIds: Object.keys(args.clients),
          tenantOfClient: (clientId) => tenantOfClient.get(clientId),
          resource: localResource,
          tenantScopes: args.tenantScopes,
        });
      }
      // As a framework's mount does: the provider routes the rest of the path, and finds its mount path
      // (for the URLs it builds) by comparing `originalUrl` with `url`.
      Object.assign(request, { originalUrl: url });
      request.url = url.slice(mountPath.length) || "/";
      await callback(request, response);
    },
  };
}

/** Each tenant's two clients as oidc-provider metadata. */
function clientMetadata(clients: LocalOAuthClients): ClientMetadata[] {
  return Object.values(clients).flatMap((tenantClients) => [
    {
      client_id: tenantClients.app.clientId,
      client_secret: tenantClients.app.clientSecret,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
    },
    {
      client_id: tenantClients.web.clientId,
      // "native" is what lets a loopback redirect URI take any port (RFC 8252 section 7.3).
      application_type: "native",
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: [...tenantClients.web.redirectUris],
    },
  ]);
}
