import { describe, expect, it } from "vitest";
import { authorizerEnvironment } from "../../../components/edge/authorizerEnvironment.ts";
import { loadAuthorizerConfig } from "../../../runtime/authorizer/authorizerConfig.ts";

const settings = {
  "silo:jwtIssuer": "https://idp.example.com/",
  "silo:jwtAudience": "silo-api,silo-admin",
  "silo:jwksUrl": "https://idp.example.com/.well-known/jwks.json",
};

describe("authorizerEnvironment", () => {
  it("gives the authorizer the variables it reads, leaving unset options to its defaults", () => {
    // Act
    const variables = authorizerEnvironment({
      ...settings,
      "silo:tenantClaim": "https://example.com/tenant",
    });
    const config = loadAuthorizerConfig(variables);

    // Assess
    expect(config).toMatchObject({
      issuer: settings["silo:jwtIssuer"],
      audience: ["silo-api", "silo-admin"],
      jwksUrl: settings["silo:jwksUrl"],
      tenantClaims: ["https://example.com/tenant"],
      typ: "at+jwt",
    });
    expect(Object.keys(variables)).toEqual([
      "SILO_JWT_ISSUER",
      "SILO_JWKS_URL",
      "SILO_JWT_AUDIENCE",
      "SILO_TENANT_CLAIM",
    ]);
  });

  it("passes a profile and discovery through, with the profile's presets left to the authorizer", () => {
    // Act
    const variables = authorizerEnvironment({
      "silo:identityProfile": "cognito",
      "silo:oidcIssuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
      "silo:authorizedParties": "6n1c3nq0t8h2l0m4k2p1r5s7u9",
    });

    // Assess
    expect(variables).toEqual({
      SILO_IDENTITY_PROFILE: "cognito",
      SILO_OIDC_ISSUER: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
      SILO_AUTHORIZED_PARTIES: "6n1c3nq0t8h2l0m4k2p1r5s7u9",
    });
    expect(loadAuthorizerConfig(variables)).toMatchObject({ tokenUse: "access", typ: "absent" });
  });

  it("fails at deploy time on a value the authorizer would refuse at cold start, naming the config key", () => {
    // Act
    const build = () => authorizerEnvironment({ ...settings, "silo:jwtAlgorithms": "HS256" });

    // Assess
    expect(build).toThrow(expect.objectContaining({ code: "AUTHORIZER_CONFIG_INVALID" }));
    expect(build).toThrow("silo:jwtAlgorithms may list only RS256");
  });

  it("names the key a profile needs", () => {
    expect(() =>
      authorizerEnvironment({
        "silo:identityProfile": "clerk",
        "silo:oidcIssuer": "https://clerk.example.com",
      }),
    ).toThrow("silo:authorizedParties is required with the clerk profile");
  });
});
