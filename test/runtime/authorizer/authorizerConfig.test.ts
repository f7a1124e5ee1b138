import { describe, expect, it } from "vitest";
import { loadAuthorizerConfig } from "../../../runtime/authorizer/authorizerConfig.ts";

const required = {
  SILO_JWT_ISSUER: "https://idp.example.com/",
  SILO_JWT_AUDIENCE: "silo-api",
  SILO_JWKS_URL: "https://idp.example.com/.well-known/jwks.json",
};

describe("loadAuthorizerConfig", () => {
  it("applies the documented defaults", () => {
    const config = loadAuthorizerConfig(required);

    expect(config).toMatchObject({
      issuer: "https://idp.example.com/",
      audience: ["silo-api"],
      profile: "generic",
      typ: "at+jwt",
      tenantSource: "claim",
      tenantClaims: ["tenant_id"],
      scopeClaims: ["scope"],
      scopePrefix: "",
      authorizedParties: [],
      algorithms: ["RS256"],
      maxTokenAgeSeconds: 3600,
      clockToleranceSeconds: 5,
      memoSize: 10_000,
    });
  });

  it("names every missing variable at once", () => {
    expect(() => loadAuthorizerConfig({})).toThrow(
      /SILO_JWT_ISSUER is required[\s\S]*SILO_JWKS_URL is required[\s\S]*SILO_JWT_AUDIENCE is required/,
    );
  });

  it("names a bad URL and the fix", () => {
    expect(() => loadAuthorizerConfig({ ...required, SILO_JWKS_URL: "idp/jwks" })).toThrow(
      'SILO_JWKS_URL must be a URL, e.g. https://idp.example.com/.well-known/jwks.json, got "idp/jwks"',
    );
  });

  it("has a stable error code", () => {
    expect(() => loadAuthorizerConfig({})).toThrow(
      expect.objectContaining({ code: "AUTHORIZER_CONFIG_INVALID" }),
    );
  });

  it("refuses a plain-http JWKS URL except on loopback", () => {
    expect(() =>
      loadAuthorizerConfig({ ...required, SILO_JWKS_URL: "http://idp.example.com/jwks.json" }),
    ).toThrow(
      "SILO_JWKS_URL must use https (plain http is allowed only for 127.0.0.1/localhost, the local platform)",
    );
    expect(
      loadAuthorizerConfig({ ...required, SILO_JWKS_URL: "http://127.0.0.1:8080/_idp/jwks.json" }).jwksUrl,
    ).toBe("http://127.0.0.1:8080/_idp/jwks.json");
  });

  it.each(["HS256", "none", "RS256,HS512"])(
    "refuses the symmetric or empty algorithm list %s",
    (algorithms) => {
      expect(() => loadAuthorizerConfig({ ...required, SILO_JWT_ALGORITHMS: algorithms })).toThrow(
        "SILO_JWT_ALGORITHMS may list only RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, EdDSA",
      );
    },
  );

  it("reads comma-separated audiences and algorithms", () => {
    const config = loadAuthorizerConfig({
      ...required,
      SILO_JWT_AUDIENCE: "a, b",
      SILO_JWT_ALGORITHMS: "RS256, PS256",
    });

    expect(config.audience).toEqual(["a", "b"]);
    expect(config.algorithms).toEqual(["RS256", "PS256"]);
  });

  it("bounds the clock tolerance", () => {
    expect(() => loadAuthorizerConfig({ ...required, SILO_CLOCK_TOLERANCE_SECONDS: "3600" })).toThrow(
      'SILO_CLOCK_TOLERANCE_SECONDS must be a whole number from 0 to 300, got "3600"',
    );
  });
});
