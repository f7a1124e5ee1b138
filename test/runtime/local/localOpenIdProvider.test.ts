import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, decodeProtectedHeader } from "jose";
import OpenAI from "openai";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopes as tenantScopes } from "../../../runtime/api/scopes.ts";
import type { LocalOAuthClients } from "../../../runtime/local/localOAuthClients.ts";
import { startLocalPlatform } from "../../../runtime/local/startLocalPlatform.ts";

let platform: Awaited<ReturnType<typeof startLocalPlatform>>;
let dataDir: string;
const progress: string[] = [];
const allScopes = Object.keys(tenantScopes).join(" ");
/** Where the browser app is sent back to: a loopback port nobody listens on, as a dev server's would be. */
const redirectUri = "http://127.0.0.1:49152/callback";

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "silo-oidc-"));
  platform = await startLocalPlatform({
    dataDir,
    port: 0,
    // A key rotated mid-file is fetched on its first token, not after the default 30 s cooldown.
    jwksCooldownSeconds: 0,
    log: () => {},
    progress: (line) => progress.push(line),
  });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function savedClients(): Promise<LocalOAuthClients> {
  return JSON.parse(await readFile(join(dataDir, "idp", "clients.json"), "utf8")) as LocalOAuthClients;
}

function clientsOf(clients: LocalOAuthClients, tenantId: string) {
  const tenantClients = clients[tenantId];
  if (!tenantClients) throw new Error(`no clients for ${tenantId} in clients.json`);
  return tenantClients;
}

/** openid-client's configuration of one client, from the platform's discovery document (plain HTTP). */
async function discover(clientId: string, auth: client.ClientAuth): Promise<client.Configuration> {
  return await client.discovery(new URL(platform.issuer), clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  });
}

async function appToken(tenantId: string, scope?: string): Promise<string> {
  const { app } = clientsOf(await savedClients(), tenantId);
  const config = await discover(app.clientId, client.ClientSecretBasic(app.clientSecret));
  const tokens = await client.clientCredentialsGrant(config, scope === undefined ? {} : { scope });
  return tokens.access_token;
}

/**
 * A browser without a browser: follows the provider's redirects by hand, keeping its cookies, until a
 * redirect leaves the provider (to the app's redirect URI), and posts the development login's form on the way.
 */
async function signInThroughDevLogin(
  start: URL,
  login: { subject: string; tenant: string },
): Promise<{ callback: URL; loginPage: string }> {
  const cookies = new Map<string, string>();
  let loginPage = "";
  const send = async (url: URL, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  let url = start;
  for (let step = 0; step < 10; step++) {
    let response = await send(url);
    if (response.status === 200 && url.pathname.startsWith("/_idp/interaction/")) {
      loginPage = await response.text();
      const action = /<form method="post" action="([^"]+)"/.exec(loginPage)?.[1];
      if (!action) throw new Error(`no login form at ${url}: ${loginPage}`);
      response = await send(new URL(action, url), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(login).toString(),
      });
    }
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) {
      throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    }
    url = new URL(location, url);
    if (url.origin !== new URL(platform.url).origin) return { callback: url, loginPage };
  }
  throw new Error(`the sign-in from ${start} did not come back to the app in 10 redirects`);
}

async function webSignIn(tenantId: string, login: { subject: string; tenant: string }, scope: string) {
  const { web } = clientsOf(await savedClients(), tenantId);
  const config = await discover(web.clientId, client.None());
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const start = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  const signedIn = await signInThroughDevLogin(start, login);
  return { config, verifier, state, ...signedIn };
}

async function modelsStatus(tenantId: string, token: string): Promise<number> {
  const response = await fetch(`${platform.url}/${tenantId}/v1/models`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

async function chatAnswer(tenantId: string, token: string): Promise<string | null | undefined> {
  const tenant = platform.tenants.find((candidate) => candidate.id === tenantId);
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const openai = new OpenAI({ baseURL: `${platform.url}/${tenantId}/v1`, apiKey: token, maxRetries: 0 });
  const completion = await openai.chat.completions.create({
    model: tenant.models.defaultModel,
    messages: [{ role: "user", content: "hello through the OpenID Provider" }],
  });
  return completion.choices[0]?.message.content;
}

describe("the local platform's OpenID Provider", () => {
  it("publishes discovery at <gateway>/_idp with the dev identity provider's JWKS endpoint", async () => {
    // Act
    const response = await fetch(`${platform.issuer}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;

    // Assess
    expect(response.status).toBe(200);
    expect(metadata.issuer).toBe(`${platform.url}/_idp`);
    expect(metadata.jwks_uri).toBe(`${platform.url}/_idp/jwks.json`);
    expect(metadata.token_endpoint).toBe(`${platform.url}/_idp/token`);
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "client_credentials"]),
    );
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
  });

  it("keeps each tenant's clients in <data dir>/idp/clients.json, mode 0600, named in a progress line", async () => {
    // Act
    const clients = await savedClients();
    const { mode } = await stat(join(dataDir, "idp", "clients.json"));

    // Assess
    expect(mode & 0o777).toBe(0o600);
    for (const tenant of platform.tenants) {
      const { app, web } = clientsOf(clients, tenant.id);
      expect(app.clientId).toBe(`${tenant.id}-app`);
      expect(app.clientSecret.length).toBeGreaterThanOrEqual(43);
      expect(web.clientId).toBe(`${tenant.id}-web`);
    }
    expect(progress.some((line) => line.includes(join(dataDir, "idp", "clients.json")))).toBe(true);
  });

  it("issues an RFC 9068 access token to a tenant app by client credentials, with every tenant scope by default", async () => {
    // Act
    const token = await appToken("acme-health");

    // Assess
    expect(decodeProtectedHeader(token)).toMatchObject({
      alg: "RS256",
      typ: "at+jwt",
      kid: platform.identityProvider.signingKid,
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: platform.issuer,
      aud: "silo-local",
      sub: "acme-health-app",
      client_id: "acme-health-app",
      tenant_id: "acme-health",
      scope: allScopes,
    });
    expect(typeof claims.jti).toBe("string");
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);
  });

  it("limits a requested scope to the tenant scopes", async () => {
    // Act
    const token = await appToken("globex", "models:read chat:write");

    // Assess
    expect(decodeJwt(token).scope).toBe("models:read chat:write");
  });

  it("lets a client credentials token call its tenant's API, the openai client included, and nobody else's", async () => {
    // Prepare
    const token = await appToken("acme-health");

    // Act
    const own = await modelsStatus("acme-health", token);
    const other = await modelsStatus("globex", token);
    const answer = await chatAnswer("acme-health", token);

    // Assess
    expect({ own, other }).toEqual({ own: 200, other: 403 });
    expect(answer).toBe("echo: hello through the OpenID Provider");
  });

  it("signs a user in to a tenant's browser app by authorization code with PKCE through the development login", async () => {
    // Prepare
    const signIn = await webSignIn(
      "globex",
      { subject: "alice@globex.example", tenant: "globex" },
      "openid models:read chat:write",
    );

    // Act
    const tokens = await client.authorizationCodeGrant(signIn.config, signIn.callback, {
      pkceCodeVerifier: signIn.verifier,
      expectedState: signIn.state,
    });

    // Assess
    expect(signIn.loginPage).toContain("globex-web");
    expect(tokens.claims()?.sub).toBe("alice@globex.example");
    const token = tokens.access_token;
    expect(decodeProtectedHeader(token)).toMatchObject({
      alg: "RS256",
      typ: "at+jwt",
      kid: platform.identityProvider.signingKid,
    });
    expect(decodeJwt(token)).toMatchObject({
      iss: platform.issuer,
      aud: "silo-local",
      sub: "alice@globex.example",
      client_id: "globex-web",
      tenant_id: "globex",
      scope: "models:read chat:write",
    });
    expect(await modelsStatus("globex", token)).toBe(200);
    expect(await chatAnswer("globex", token)).toBe("echo: hello through the OpenID Provider");
    expect(await modelsStatus("acme-health", token)).toBe(403);
  });

  it("grants every tenant scope to a sign-in that asks for none", async () => {
    // Prepare
    const signIn = await webSignIn("initech", { subject: "bob", tenant: "initech" }, "openid");

    // Act
    const tokens = await client.authorizationCodeGrant(signIn.config, signIn.callback, {
      pkceCodeVerifier: signIn.verifier,
      expectedState: signIn.state,
    });

    // Assess
    expect(decodeJwt(tokens.access_token)).toMatchObject({ tenant_id: "initech", scope: allScopes });
    expect(await modelsStatus("initech", tokens.access_token)).toBe(200);
  });

  it("refuses a user of another tenant at a tenant's browser app with access_denied", async () => {
    // Act
    const signIn = await webSignIn("acme-health", { subject: "mallory", tenant: "globex" }, "openid");

    // Assess
    expect(signIn.callback.searchParams.get("error")).toBe("access_denied");
    expect(signIn.callback.searchParams.get("code")).toBeNull();
  });

  it("shows the form again with the reason when the subject is empty, and with no sign-in, says to start again", async () => {
    // Prepare
    const { web } = clientsOf(await savedClients(), "globex");
    const config = await discover(web.clientId, client.None());
    const start = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid",
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    const toLogin = await fetch(start, { redirect: "manual" });
    const loginUrl = new URL(toLogin.headers.get("location") ?? "", start);
    const cookie = toLogin.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const post = (headers: Record<string, string>) =>
      fetch(loginUrl, {
        method: "POST",
        redirect: "manual",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ subject: "  ", tenant: "globex" }).toString(),
      });

    // Act
    const empty = await post({ cookie });
    const noSignIn = await post({});

    // Assess
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/<p role="alert">subject &quot;&quot; is not usable/);
    expect(noSignIn.status).toBe(400);
    expect(await noSignIn.text()).toContain("start it again from the app");
  });

  it("refuses an authorization request without PKCE", async () => {
    // Prepare
    const { web } = clientsOf(await savedClients(), "acme-health");
    const start = new URL(`${platform.issuer}/auth`);
    start.search = new URLSearchParams({
      client_id: web.clientId,
      response_type: "code",
      scope: "openid",
      redirect_uri: redirectUri,
    }).toString();

    // Act
    const response = await fetch(start, { redirect: "manual" });

    // Assess
    const location = new URL(response.headers.get("location") ?? "", start);
    expect(location.origin).toBe(new URL(redirectUri).origin);
    expect(location.searchParams.get("error")).toBe("invalid_request");
  });

  it("answers CORS at the token endpoint for a browser client on a loopback dev server only", async () => {
    // Prepare
    const tokenRequest = (origin: string) =>
      fetch(`${platform.issuer}/token`, {
        method: "POST",
        headers: { origin, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: "acme-health-web",
          code: "not-a-code",
          redirect_uri: "http://localhost:5173/callback",
          code_verifier: client.randomPKCECodeVerifier(),
        }).toString(),
      });

    // Act
    const devServer = await tokenRequest("http://localhost:5173");
    const elsewhere = await tokenRequest("https://evil.example");

    // Assess
    expect(devServer.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("signs with the new key after a rotation, and the token still works", async () => {
    // Prepare
    const before = await appToken("initech");

    // Act
    const kid = await platform.identityProvider.rotateSigningKey();
    const after = await appToken("initech");

    // Assess
    expect(decodeProtectedHeader(before).kid).not.toBe(kid);
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(await modelsStatus("initech", after)).toBe(200);
  });
});
