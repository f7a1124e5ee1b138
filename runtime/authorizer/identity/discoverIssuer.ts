import { SiloError } from "../../core/errors/siloError.ts";

/** What the authorizer takes from an OpenID Provider's discovery document. */
export interface DiscoveredIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
}

const loopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

/**
 * OpenID Connect Discovery 1.0: fetches `<issuer>/.well-known/openid-configuration` and returns its issuer
 * and `jwks_uri`. The document's `issuer` must equal the configured one exactly (OIDC Discovery §4.3), so
 * Auth0's trailing slash or a look-alike host fails here, at the first request, not token by token. The
 * JWKS must be https (http only on a loopback host, the local platform). Throws `OIDC_DISCOVERY_FAILED`
 * naming the URL and the fix.
 *
 * @example
 * const { jwksUri } = await discoverIssuer("https://acme.eu.auth0.com/", { timeoutMs: 3000 });
 */
export async function discoverIssuer(
  issuer: string,
  options: { readonly timeoutMs: number; readonly fetch?: typeof fetch },
): Promise<DiscoveredIssuer> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const fail = (problem: string) =>
    new SiloError(
      "OIDC_DISCOVERY_FAILED",
      `OIDC discovery at ${url} failed: ${problem}; check SILO_OIDC_ISSUER (the exact iss of your tokens) or set SILO_JWT_ISSUER and SILO_JWKS_URL instead`,
    );
  let body: unknown;
  try {
    const response = await (options.fetch ?? globalThis.fetch)(url, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) throw fail(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    if (error instanceof SiloError) throw error;
    throw fail((error as Error).message);
  }
  const document = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (document.issuer !== issuer) {
    throw fail(`the document's issuer ${JSON.stringify(document.issuer)} is not ${JSON.stringify(issuer)}`);
  }
  const jwksUri = document.jwks_uri;
  if (typeof jwksUri !== "string" || !isFetchableUrl(jwksUri)) {
    throw fail(`jwks_uri ${JSON.stringify(jwksUri)} is not an https URL`);
  }
  return { issuer, jwksUri };
}

function isFetchableUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.includes(url.hostname));
  } catch {
    return false;
  }
}
