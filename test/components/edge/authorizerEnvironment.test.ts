import { describe, expect, it } from "vitest";
import { authorizerEnvironment } from "../../../components/edge/authorizerEnvironment.ts";
import { loadAuthorizerConfig } from "../../../runtime/authorizer/authorizerConfig.ts";

const settings = {
  issuer: "https://idp.example.com/",
  audience: ["silo-api", "silo-admin"],
  jwksUrl: "https://idp.example.com/.well-known/jwks.json",
};

describe("authorizerEnvironment", () => {
  it("gives the authorizer the variables it reads, leaving unset options to its defaults", () => {
    // Act
    const variables = authorizerEnvironment({ ...settings, tenantClaim: "https://example.com/tenant" });
    const config = loadAuthorizerConfig(variables);

    // Assess
    expect(config).toMatchObject({
      issuer: settings.issuer,
      audience: settings.audience,
      jwksUrl: settings.jwksUrl,
      tenantClaim: "https://example.com/tenant",
      typ: "at+jwt",
    });
    expect(Object.keys(variables)).toEqual([
      "SILO_JWT_ISSUER",
      "SILO_JWT_AUDIENCE",
      "SILO_JWKS_URL",
      "SILO_TENANT_CLAIM",
    ]);
  });

  it("fails at deploy time on a value the authorizer would refuse at cold start", () => {
    // Act
    const build = () => authorizerEnvironment({ ...settings, algorithms: ["HS256"] });

    // Assess
    expect(build).toThrow(expect.objectContaining({ code: "AUTHORIZER_CONFIG_INVALID" }));
  });
});
