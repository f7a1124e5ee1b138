import { generateKeyPairSync } from "node:crypto";
import { compactVerify, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import {
  auth0AccessToken,
  clerkSessionTokenV1,
  clerkSessionTokenV2,
  cognitoAccessToken,
  cognitoClientCredentialsToken,
  entraAppOnlyAccessToken,
  entraDelegatedAccessToken,
  keycloakAccessToken,
  oktaAccessToken,
  signWith,
} from "./providerTokens.ts";

const nowSeconds = Date.parse("2026-11-26T09:00:00Z") / 1000;
const keys = (claims: Record<string, unknown>) => Object.keys(claims).sort();

describe("provider token builders", () => {
  it("Clerk v2: typ JWT, no aud, azp an origin, v 2, compact organisation claims", () => {
    const { header, payload } = clerkSessionTokenV2({
      nowSeconds,
      organizationId: "org_2bTest",
      tenant: "globex",
    });

    expect(header).toEqual(expect.objectContaining({ alg: "RS256", typ: "JWT", cat: "cl_B7d4PD111AAA" }));
    expect(keys(payload)).toEqual(
      ["azp", "exp", "fea", "fva", "iat", "iss", "jti", "nbf", "o", "sid", "sts", "sub", "v"].sort(),
    );
    expect(payload).toEqual(
      expect.objectContaining({
        v: 2,
        azp: "https://app.acme-health.example",
        exp: nowSeconds + 60,
        nbf: nowSeconds - 10,
      }),
    );
    expect(payload.sub).toMatch(/^user_/);
    expect(payload.sid).toMatch(/^sess_/);
    expect(payload.fea).toBe("o:chat,o:models");
    expect(payload.o).toEqual({
      id: "org_2bTest",
      rol: "admin",
      slg: "globex",
      per: "write,read",
      fpm: "1,2",
    });
  });

  it("Clerk v2 without an active organisation has no o claim", () => {
    const { payload } = clerkSessionTokenV2({
      nowSeconds,
      activeOrganization: false,
      userFeatures: ["gold"],
    });

    expect(payload.o).toBeUndefined();
    expect(payload.fea).toBe("u:gold");
  });

  it("Clerk v1: org_* claims in full form, no v, no aud", () => {
    const { header, payload } = clerkSessionTokenV1({ nowSeconds, scopes: ["chat:write"] });

    expect(header.typ).toBe("JWT");
    expect(payload.v).toBeUndefined();
    expect(payload.aud).toBeUndefined();
    expect(payload).toEqual(
      expect.objectContaining({
        org_permissions: ["org:chat:write"],
        org_role: "org:admin",
        org_slug: "acme-health",
      }),
    );
    expect(payload.org_id).toMatch(/^org_/);
  });

  it("Cognito user token: no typ, no aud, token_use access, client_id, silo/ scopes, tenant_id from the trigger", () => {
    const { header, payload } = cognitoAccessToken({ nowSeconds, tenant: "acme-health", clientId: "abc123" });

    expect(keys(header)).toEqual(["alg", "kid"]);
    expect(payload.aud).toBeUndefined();
    expect(payload).toEqual(
      expect.objectContaining({
        token_use: "access",
        client_id: "abc123",
        version: 2,
        tenant_id: "acme-health",
        scope: "openid email silo/chat:write silo/models:read",
      }),
    );
    expect(payload.iss).toMatch(
      /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9-]+_[A-Za-z0-9]+$/,
    );
    expect(payload.username).toBe(payload.sub);
  });

  it("Cognito client credentials token: sub is the client id, custom scopes only, no tenant unless added", () => {
    const { header, payload } = cognitoClientCredentialsToken({ nowSeconds, scopes: ["chat:write"] });

    expect(header.typ).toBeUndefined();
    expect(payload.sub).toBe(payload.client_id);
    expect(payload.scope).toBe("silo/chat:write");
    expect(payload.token_use).toBe("access");
    expect(payload.tenant_id).toBeUndefined();
    expect(payload.aud).toBeUndefined();
    expect(payload.username).toBeUndefined();
  });

  it("Auth0: typ JWT, iss ending with /, aud [API, userinfo], azp, org_id, permissions, a namespaced claim", () => {
    const { header, payload } = auth0AccessToken({
      nowSeconds,
      issuer: "https://globex.eu.auth0.com/",
      tenant: "globex",
      organizationId: "org_abcdefghijklmnop",
    });

    expect(header.typ).toBe("JWT");
    expect(payload.iss).toBe("https://globex.eu.auth0.com/");
    expect(payload.aud).toEqual(["https://api.silo.example", "https://globex.eu.auth0.com/userinfo"]);
    expect(payload).toEqual(
      expect.objectContaining({
        org_id: "org_abcdefghijklmnop",
        permissions: ["chat:write", "models:read"],
        "https://silo.example/tenant_id": "globex",
        exp: nowSeconds + 86_400,
      }),
    );
    expect(typeof payload.azp).toBe("string");
  });

  it("Entra delegated: typ JWT, ver 2.0, iss per directory, azp, oid, tid, space-separated scp", () => {
    const tid = "11111111-2222-4333-8444-555555555555";
    const { header, payload } = entraDelegatedAccessToken({
      nowSeconds,
      organizationId: tid,
      tenant: "initech",
    });

    expect(header.typ).toBe("JWT");
    expect(payload).toEqual(
      expect.objectContaining({
        ver: "2.0",
        tid,
        iss: `https://login.microsoftonline.com/${tid}/v2.0`,
        scp: "chat:write models:read",
        roles: ["silo-tenant:initech"],
      }),
    );
    expect(payload.azp).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.oid).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.appid).toBeUndefined();
  });

  it("Entra app-only: roles carry the scopes and the tenant role, no scp", () => {
    const { header, payload } = entraAppOnlyAccessToken({ nowSeconds, tenant: "initech", clientId: "c-1" });

    expect(header.typ).toBe("JWT");
    expect(payload.scp).toBeUndefined();
    expect(payload.roles).toEqual(["chat:write", "models:read", "silo-tenant:initech"]);
    expect(payload.azp).toBe("c-1");
    expect(payload.azpacr).toBe("1");
    expect(payload.sub).toBe(payload.oid);
  });

  it("Okta: no typ, scp an array, cid the client, ver 1, tenant_id custom claim", () => {
    const { header, payload } = oktaAccessToken({ nowSeconds, tenant: "acme-health", clientId: "0oaTEST" });

    expect(keys(header)).toEqual(["alg", "kid"]);
    expect(payload).toEqual(
      expect.objectContaining({
        ver: 1,
        cid: "0oaTEST",
        aud: "api://silo",
        scp: ["chat:write", "models:read"],
        tenant_id: "acme-health",
      }),
    );
    expect(payload.jti).toMatch(/^AT\./);
    expect(payload.iss).toMatch(/\/oauth2\/[A-Za-z0-9]+$/);
  });

  it("Keycloak: typ JWT, aud account, azp, realm_access.roles, scope, typ Bearer, tenant_id", () => {
    const { header, payload } = keycloakAccessToken({ nowSeconds, tenant: "globex" });

    expect(header.typ).toBe("JWT");
    expect(payload).toEqual(
      expect.objectContaining({
        aud: "account",
        azp: "silo-console",
        typ: "Bearer",
        tenant_id: "globex",
        scope: "openid profile email chat:write models:read",
        exp: nowSeconds + 300,
      }),
    );
    expect(payload.realm_access).toEqual({ roles: expect.arrayContaining(["offline_access"]) });
    expect(payload.iss).toMatch(/\/realms\/[a-z-]+$/);
  });

  it("signWith signs the header and payload exactly as given, without adding typ", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const token = oktaAccessToken({ nowSeconds });

    const jwt = await signWith(privateKey, token);
    const { payload } = await compactVerify(jwt, publicKey);

    expect(decodeProtectedHeader(jwt)).toEqual(token.header);
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(token.payload);
  });
});
