import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverIssuer } from "../../../../runtime/authorizer/identity/discoverIssuer.ts";
import { rsaKey, TestIdentityProvider } from "../support/testIdentityProvider.ts";

let idp: TestIdentityProvider;

beforeAll(async () => {
  idp = await TestIdentityProvider.start(rsaKey("k1"));
});

afterAll(async () => {
  await idp.close();
});

describe("discoverIssuer", () => {
  it("reads the issuer's jwks_uri from its OpenID configuration", async () => {
    idp.discovery = undefined;

    await expect(discoverIssuer(idp.baseUrl, { timeoutMs: 2000 })).resolves.toEqual({
      issuer: idp.baseUrl,
      jwksUri: idp.jwksUrl,
    });
  });

  it("finds the document under an issuer with a trailing slash, which must then match exactly", async () => {
    idp.discovery = { issuer: `${idp.baseUrl}/`, jwks_uri: idp.jwksUrl };

    await expect(discoverIssuer(`${idp.baseUrl}/`, { timeoutMs: 2000 })).resolves.toMatchObject({
      issuer: `${idp.baseUrl}/`,
    });
    await expect(discoverIssuer(idp.baseUrl, { timeoutMs: 2000 })).rejects.toThrow(
      /the document's issuer ".*\/" is not ".*[0-9]"; check SILO_OIDC_ISSUER/,
    );
  });

  it("refuses a JWKS that is not https off this machine", async () => {
    idp.discovery = { issuer: idp.baseUrl, jwks_uri: "http://idp.example.com/jwks.json" };

    await expect(discoverIssuer(idp.baseUrl, { timeoutMs: 2000 })).rejects.toThrow(
      expect.objectContaining({ code: "OIDC_DISCOVERY_FAILED" }),
    );
  });

  it("names the URL when the provider cannot be reached", async () => {
    await expect(discoverIssuer("http://127.0.0.1:9/", { timeoutMs: 500 })).rejects.toThrow(
      /OIDC discovery at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration failed/,
    );
  });
});
