import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizerEvent, authorizerFor } from "./support/authorizerHarness.ts";
import { rsaKey, TestIdentityProvider, validClaims } from "./support/testIdentityProvider.ts";

let idp: TestIdentityProvider;

beforeAll(async () => {
  idp = await TestIdentityProvider.start(rsaKey("k1"));
});

afterAll(async () => {
  await idp.close();
});

const discovered = () => ({
  SILO_OIDC_ISSUER: idp.baseUrl,
  SILO_JWT_ISSUER: undefined,
  SILO_JWKS_URL: undefined,
});

describe("the authorizer with SILO_OIDC_ISSUER", () => {
  it("discovers the JWKS on the first request and verifies the issuer the document names", async () => {
    // Prepare
    idp.discovery = undefined;
    const { reasonFor } = authorizerFor(idp, discovered());
    const token = idp.sign({ ...validClaims(), iss: idp.baseUrl });
    const foreign = idp.sign({ ...validClaims(), iss: "https://idp.test.silo.example" });

    // Act
    const first = await reasonFor(authorizerEvent(`Bearer ${token}`));
    const second = await reasonFor(authorizerEvent(`Bearer ${foreign}`));

    // Assess
    expect(first).toBe("ok");
    expect(second).toBe("wrong_issuer");
  });

  it("denies while the document names another issuer, and retries only after the cooldown", async () => {
    // Prepare
    idp.discovery = { issuer: `${idp.baseUrl}/`, jwks_uri: idp.jwksUrl };
    const { reasonFor, clock, decisions } = authorizerFor(idp, {
      ...discovered(),
      SILO_JWKS_COOLDOWN_SECONDS: "30",
    });
    const token = idp.sign({ ...validClaims(), iss: idp.baseUrl });

    // Act
    const refused = await reasonFor(authorizerEvent(`Bearer ${token}`));
    idp.discovery = undefined;
    const stillWaiting = await reasonFor(authorizerEvent(`Bearer ${token}`));
    clock.nowMs += 31_000;
    const recovered = await reasonFor(authorizerEvent(`Bearer ${token}`));

    // Assess
    expect(refused).toBe("jwks_unavailable");
    expect(decisions[0]?.detail).toMatch(/the document's issuer/);
    expect(stillWaiting).toBe("jwks_unavailable");
    expect(recovered).toBe("ok");
  });
});
