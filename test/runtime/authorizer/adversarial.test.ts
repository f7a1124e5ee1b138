import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizerEvent, authorizerFor } from "./support/authorizerHarness.ts";
import {
  rsaKey,
  type SigningKey,
  signRaw,
  TestIdentityProvider,
  testAudience,
  testIssuer,
  testNowMs,
  validClaims,
} from "./support/testIdentityProvider.ts";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const nowSeconds = Math.floor(testNowMs / 1000);

let idp: TestIdentityProvider;
let attackerKey: SigningKey;
let weakKey: SigningKey;

beforeAll(async () => {
  weakKey = rsaKey("weak-1024", 1024);
  idp = await TestIdentityProvider.start(rsaKey("k1"), weakKey);
  attackerKey = rsaKey("k1");
});

afterAll(async () => {
  await idp.close();
});

/** Signs `claims` as the test IdP's key k1 with `header` merged in. */
function token(
  claims: Record<string, unknown> = validClaims(),
  header: Record<string, unknown> = {},
): string {
  return idp.sign(claims, { kid: "k1", header });
}

function withoutClaim(name: string): Record<string, unknown> {
  const claims = validClaims();
  delete claims[name];
  return claims;
}

async function reasonFor(
  authorization: string | undefined,
  options?: { routeKey?: string; stageTenantId?: string },
) {
  const { reasonFor: decide } = authorizerFor(idp);
  return decide(authorizerEvent(authorization, options));
}

describe("edge authorizer: positive control", () => {
  it("allows a valid token for its own tenant's API and route, with the context the runtime needs", async () => {
    // Prepare
    const { handler, decisions } = authorizerFor(idp);
    const bearer = `Bearer ${token()}`;

    // Act
    const result = await handler(authorizerEvent(bearer));

    // Assess
    expect(result).toEqual({
      isAuthorized: true,
      context: {
        tenantId: "acme-health",
        sub: "user-123",
        scopes: "chat:write models:read conversations:read",
        tokenId: "tok-0001",
      },
    });
    expect(decisions).toMatchObject([
      {
        decision: "allow",
        reason: "ok",
        tenantId: "acme-health",
        routeKey: "POST /v1/chat/completions",
        memo: false,
      },
    ]);
    expect(JSON.stringify(decisions)).not.toContain(bearer.slice(7));
  });

  it("accepts a lower-case bearer scheme (RFC 6750 schemes are case-insensitive)", async () => {
    expect(await reasonFor(`bearer ${token()}`)).toBe("ok");
  });

  it("allows health with any valid token of the tenant, as the route needs no scope", async () => {
    expect(
      await reasonFor(`Bearer ${token({ ...validClaims(), scope: "" })}`, { routeKey: "GET /v1/health" }),
    ).toBe("ok");
  });
});

describe("edge authorizer: adversarial tokens are denied with a stable reason", () => {
  const cases: Array<{
    name: string;
    authorization: () => string | undefined;
    reason: string;
    routeKey?: string;
  }> = [
    {
      name: "alg none",
      authorization: () =>
        `Bearer ${b64(JSON.stringify({ alg: "none", typ: "at+jwt" }))}.${b64(JSON.stringify(validClaims()))}.`,
      reason: "alg_not_allowed",
    },
    {
      name: "alg NoNe with a signature",
      authorization: () =>
        `Bearer ${b64(JSON.stringify({ alg: "NoNe", typ: "at+jwt", kid: "k1" }))}.${b64(JSON.stringify(validClaims()))}.c2ln`,
      reason: "alg_not_allowed",
    },
    {
      name: "RS256 -> HS256 confusion with the public key as HMAC secret",
      authorization: () => {
        const publicPem = idp.keys.get("k1")?.publicKey.export({ type: "spki", format: "pem" }) ?? "";
        const input = `${b64(JSON.stringify({ alg: "HS256", typ: "at+jwt", kid: "k1" }))}.${b64(JSON.stringify(validClaims()))}`;
        return `Bearer ${input}.${createHmac("sha256", publicPem).update(input).digest("base64url")}`;
      },
      reason: "alg_not_allowed",
    },
    {
      name: "unknown kid",
      authorization: () => `Bearer ${token(validClaims(), { kid: "k-unknown" })}`,
      reason: "unknown_kid",
    },
    {
      name: "kid path traversal",
      authorization: () => `Bearer ${token(validClaims(), { kid: "../../../../dev/null" })}`,
      reason: "unknown_kid",
    },
    {
      name: "kid SQL injection",
      authorization: () => `Bearer ${token(validClaims(), { kid: "k1' OR '1'='1" })}`,
      reason: "unknown_kid",
    },
    {
      name: "kid with a NUL byte",
      authorization: () => `Bearer ${token(validClaims(), { kid: "k1\u0000" })}`,
      reason: "unknown_kid",
    },
    {
      name: "kid that is a URL",
      authorization: () => `Bearer ${token(validClaims(), { kid: "https://evil.example/jwks.json" })}`,
      reason: "unknown_kid",
    },
    {
      name: "kid of 1 KB",
      authorization: () => `Bearer ${token(validClaims(), { kid: "k".repeat(1024) })}`,
      reason: "malformed_token",
    },
    {
      name: "kid that is an object",
      authorization: () => `Bearer ${token(validClaims(), { kid: { $ne: null } })}`,
      reason: "malformed_token",
    },
    {
      name: "jku header",
      authorization: () => `Bearer ${token(validClaims(), { jku: "https://evil.example/jwks.json" })}`,
      reason: "header_not_allowed",
    },
    {
      name: "x5u header",
      authorization: () => `Bearer ${token(validClaims(), { x5u: "https://evil.example/cert.pem" })}`,
      reason: "header_not_allowed",
    },
    {
      name: "embedded jwk header carrying the attacker's key",
      authorization: () => {
        const jwk = attackerKey.publicKey.export({ format: "jwk" });
        return `Bearer ${signRaw(JSON.stringify({ alg: "RS256", typ: "at+jwt", jwk }), JSON.stringify(validClaims()), attackerKey.privateKey)}`;
      },
      reason: "header_not_allowed",
    },
    {
      name: "x5c header",
      authorization: () => `Bearer ${token(validClaims(), { x5c: ["MIIB"] })}`,
      reason: "header_not_allowed",
    },
    {
      name: "a key not in the JWKS (attacker key claiming kid k1)",
      authorization: () =>
        `Bearer ${signRaw(JSON.stringify({ alg: "RS256", typ: "at+jwt", kid: "k1" }), JSON.stringify(validClaims()), attackerKey.privateKey)}`,
      reason: "bad_signature",
    },
    {
      name: "tampered payload (tenant switched after signing)",
      authorization: () => {
        const [header, , signature] = token().split(".");
        return `Bearer ${header}.${b64(JSON.stringify(validClaims("globex")))}.${signature}`;
      },
      reason: "bad_signature",
    },
    {
      name: "stripped signature",
      authorization: () => `Bearer ${token().split(".").slice(0, 2).join(".")}.`,
      reason: "bad_signature",
    },
    {
      name: "expired",
      authorization: () => `Bearer ${token({ ...validClaims(), exp: nowSeconds - 10 })}`,
      reason: "expired",
    },
    {
      name: "nbf in the future",
      authorization: () => `Bearer ${token({ ...validClaims(), nbf: nowSeconds + 120 })}`,
      reason: "not_yet_valid",
    },
    {
      name: "iat in the future",
      authorization: () =>
        `Bearer ${token({ ...validClaims(), iat: nowSeconds + 120, exp: nowSeconds + 900 })}`,
      reason: "iat_in_future",
    },
    {
      name: "iat older than the maximum token age",
      authorization: () =>
        `Bearer ${token({ ...validClaims(), iat: nowSeconds - 7200, exp: nowSeconds + 900 })}`,
      reason: "token_too_old",
    },
    {
      name: "missing exp",
      authorization: () => `Bearer ${token(withoutClaim("exp"))}`,
      reason: "missing_claim",
    },
    {
      name: "missing iat",
      authorization: () => `Bearer ${token(withoutClaim("iat"))}`,
      reason: "missing_claim",
    },
    {
      name: "missing sub",
      authorization: () => `Bearer ${token(withoutClaim("sub"))}`,
      reason: "missing_claim",
    },
    {
      name: "sub that is a number",
      authorization: () => `Bearer ${token({ ...validClaims(), sub: 42 })}`,
      reason: "invalid_claim",
    },
    {
      name: "wrong iss",
      authorization: () => `Bearer ${token({ ...validClaims(), iss: "https://evil.example" })}`,
      reason: "wrong_issuer",
    },
    {
      name: "missing iss",
      authorization: () => `Bearer ${token(withoutClaim("iss"))}`,
      reason: "wrong_issuer",
    },
    {
      name: "wrong aud",
      authorization: () => `Bearer ${token({ ...validClaims(), aud: "another-api" })}`,
      reason: "wrong_audience",
    },
    {
      name: "missing aud",
      authorization: () => `Bearer ${token(withoutClaim("aud"))}`,
      reason: "wrong_audience",
    },
    {
      name: "wrong typ (an ID token)",
      authorization: () => `Bearer ${token(validClaims(), { typ: "JWT" })}`,
      reason: "wrong_typ",
    },
    {
      name: "missing typ",
      authorization: () =>
        `Bearer ${signRaw(JSON.stringify({ alg: "RS256", kid: "k1" }), JSON.stringify(validClaims()), idp.keys.get("k1")?.privateKey ?? attackerKey.privateKey)}`,
      reason: "wrong_typ",
    },
    {
      name: "unknown crit",
      authorization: () => `Bearer ${token(validClaims(), { crit: ["x-silo"], "x-silo": 1 })}`,
      reason: "unsupported_crit",
    },
    {
      name: "RSA key under 2048 bits",
      authorization: () => `Bearer ${idp.sign(validClaims(), { kid: weakKey.kid })}`,
      reason: "weak_key",
    },
    {
      name: "tenant claim missing",
      authorization: () => `Bearer ${token(withoutClaim("tenant_id"))}`,
      reason: "tenant_claim_missing",
    },
    {
      name: "tenant claim empty",
      authorization: () => `Bearer ${token({ ...validClaims(), tenant_id: "" })}`,
      reason: "tenant_claim_invalid",
    },
    {
      name: "tenant claim an array",
      authorization: () => `Bearer ${token({ ...validClaims(), tenant_id: ["acme-health"] })}`,
      reason: "tenant_claim_invalid",
    },
    {
      name: "tenant claim a number",
      authorization: () => `Bearer ${token({ ...validClaims(), tenant_id: 42 })}`,
      reason: "tenant_claim_invalid",
    },
    {
      name: "tenant claim upper-case",
      authorization: () => `Bearer ${token({ ...validClaims(), tenant_id: "ACME-HEALTH" })}`,
      reason: "tenant_claim_invalid",
    },
    {
      name: "tenant claim with a Cyrillic look-alike letter",
      authorization: () => `Bearer ${token({ ...validClaims(), tenant_id: "\u0430cme-health" })}`,
      reason: "tenant_claim_invalid",
    },
    {
      name: "tenant claim with trailing whitespace",
      authorization: () => `Bearer ${token({ ...validClaims(), tenant_id: "acme-health " })}`,
      reason: "tenant_claim_invalid",
    },
    {
      name: "another tenant's id",
      authorization: () => `Bearer ${token(validClaims("globex"))}`,
      reason: "tenant_mismatch",
    },
    {
      name: "missing scope",
      authorization: () => `Bearer ${token({ ...validClaims(), scope: "models:read" })}`,
      reason: "missing_scope",
    },
    {
      name: "scope smuggled as a prefix of another scope",
      authorization: () => `Bearer ${token({ ...validClaims(), scope: "chat:writer chat:write:all" })}`,
      reason: "missing_scope",
    },
    {
      name: "unknown route",
      authorization: () => `Bearer ${token()}`,
      reason: "unknown_route",
      routeKey: "GET /v1/admin/secrets",
    },
    {
      name: "route key with a different method",
      authorization: () => `Bearer ${token()}`,
      reason: "unknown_route",
      routeKey: "TRACE /v1/models",
    },
    {
      name: "oversized token",
      authorization: () => `Bearer ${token({ ...validClaims(), padding: "x".repeat(9000) })}`,
      reason: "token_too_large",
    },
    { name: "no Authorization header", authorization: () => undefined, reason: "missing_token" },
    { name: "empty Authorization header", authorization: () => "", reason: "missing_token" },
    {
      name: "Basic scheme",
      authorization: () => `Basic ${Buffer.from("user:pass").toString("base64")}`,
      reason: "malformed_authorization",
    },
    { name: "token without a scheme", authorization: () => token(), reason: "malformed_authorization" },
    { name: "two spaces after Bearer", authorization: () => `Bearer  ${token()}`, reason: "malformed_token" },
    { name: "two tokens", authorization: () => `Bearer ${token()} ${token()}`, reason: "malformed_token" },
    {
      name: "a JWE-shaped token (5 segments)",
      authorization: () => `Bearer ${token()}.e30.e30`,
      reason: "malformed_token",
    },
    {
      name: "header that is not JSON",
      authorization: () => `Bearer ${b64("{alg")}.${b64("{}")}.c2ln`,
      reason: "malformed_token",
    },
    {
      name: "__proto__ claim carrying the tenant",
      authorization: () => {
        const claims = JSON.stringify(withoutClaim("tenant_id")).replace(
          /^\{/,
          '{"__proto__":{"tenant_id":"acme-health"},',
        );
        return `Bearer ${signRaw(JSON.stringify({ alg: "RS256", typ: "at+jwt", kid: "k1" }), claims, idp.keys.get("k1")?.privateKey ?? attackerKey.privateKey)}`;
      },
      reason: "tenant_claim_missing",
    },
    {
      name: "__proto__ claim carrying the scope",
      authorization: () => {
        const claims = JSON.stringify(withoutClaim("scope")).replace(
          /^\{/,
          '{"__proto__":{"scope":"chat:write"},',
        );
        return `Bearer ${signRaw(JSON.stringify({ alg: "RS256", typ: "at+jwt", kid: "k1" }), claims, idp.keys.get("k1")?.privateKey ?? attackerKey.privateKey)}`;
      },
      reason: "missing_scope",
    },
    {
      name: "duplicate tenant claim in the payload",
      authorization: () => {
        const claims = JSON.stringify(validClaims("globex")).replace(/\}$/, ',"tenant_id":"acme-health"}');
        return `Bearer ${signRaw(JSON.stringify({ alg: "RS256", typ: "at+jwt", kid: "k1" }), claims, idp.keys.get("k1")?.privateKey ?? attackerKey.privateKey)}`;
      },
      reason: "duplicate_claims",
    },
    {
      name: "duplicate claim hidden by a unicode escape",
      authorization: () => {
        const claims = JSON.stringify(validClaims("globex")).replace(
          /\}$/,
          ',"tenant\\u005fid":"acme-health"}',
        );
        return `Bearer ${signRaw(JSON.stringify({ alg: "RS256", typ: "at+jwt", kid: "k1" }), claims, idp.keys.get("k1")?.privateKey ?? attackerKey.privateKey)}`;
      },
      reason: "duplicate_claims",
    },
  ];

  it.each(cases)("denies $name ($reason)", async ({ authorization, reason, routeKey }) => {
    expect(await reasonFor(authorization(), { routeKey })).toBe(reason);
  });

  it("denies when the API stage has no tenantId stage variable (misconfigured API)", async () => {
    const { handler, decisions } = authorizerFor(idp);
    const event = authorizerEvent(`Bearer ${token()}`);

    const result = await handler({ ...event, stageVariables: undefined });

    expect(result).toEqual({ isAuthorized: false });
    expect(decisions.at(-1)?.reason).toBe("stage_tenant_missing");
  });

  it("denies, not throws, when the event is not an authorizer event at all", async () => {
    const { handler, decisions } = authorizerFor(idp);

    const result = await handler({} as never);

    expect(result).toEqual({ isAuthorized: false });
    expect(decisions.at(-1)?.reason).toBe("stage_tenant_missing");
  });

  it("reads scopes from an array claim such as permissions when configured", async () => {
    const { reasonFor: decide } = authorizerFor(idp, { SILO_SCOPE_CLAIMS: "permissions" });
    const claims = { ...withoutClaim("scope"), permissions: ["chat:write", "models:read"] };

    expect(await decide(authorizerEvent(`Bearer ${token(claims)}`))).toBe("ok");
    expect(await decide(authorizerEvent(`Bearer ${token(validClaims())}`))).toBe("missing_scope");
  });

  it("reads the tenant from a configured claim for identity providers that namespace custom claims", async () => {
    const { reasonFor: decide } = authorizerFor(idp, { SILO_TENANT_CLAIM: "https://silo.example/tenant" });
    const claims = { ...withoutClaim("tenant_id"), "https://silo.example/tenant": "acme-health" };

    expect(await decide(authorizerEvent(`Bearer ${token(claims)}`))).toBe("ok");
  });

  it("accepts any of several configured audiences", async () => {
    const { reasonFor: decide } = authorizerFor(idp, { SILO_JWT_AUDIENCE: `other-api, ${testAudience}` });

    expect(await decide(authorizerEvent(`Bearer ${token()}`))).toBe("ok");
  });

  it("names the token's tenant, the API's tenant and the signing key in a tenant_mismatch line", async () => {
    // Prepare
    const { handler, decisions } = authorizerFor(idp);

    // Act
    await handler(authorizerEvent(`Bearer ${token(validClaims("globex"))}`));

    // Assess
    expect(decisions.at(-1)).toMatchObject({
      decision: "deny",
      reason: "tenant_mismatch",
      tenantId: "globex",
      apiTenantId: "acme-health",
      kid: expect.any(String),
    });
  });

  it("never logs the token, even when denying", async () => {
    const { handler, decisions } = authorizerFor(idp);
    const bad = token({ ...validClaims(), iss: testIssuer.replace("idp", "evil") });

    await handler(authorizerEvent(`Bearer ${bad}`));

    expect(JSON.stringify(decisions)).not.toContain(bad.split(".")[1]);
    expect(JSON.stringify(decisions)).not.toContain(bad.split(".")[2]);
  });
});

describe("edge authorizer: the resolved-key fast path", () => {
  it("still checks every signature and header once a header's key is known", async () => {
    // Prepare: one authorizer has verified a token, so its header text now maps to k1's key
    const { reasonFor: decide } = authorizerFor(idp);
    expect(await decide(authorizerEvent(`Bearer ${token()}`))).toBe("ok");
    const [header, , signature] = token({ ...validClaims(), jti: "fast-path" }).split(".");

    // Act: forgeries that reuse that exact header text
    const tampered = `Bearer ${header}.${b64(JSON.stringify(validClaims("globex")))}.${signature}`;
    const stripped = `Bearer ${header}.${b64(JSON.stringify(validClaims()))}.`;
    const attackerSigned = `Bearer ${signRaw(
      Buffer.from(header ?? "", "base64url").toString(),
      JSON.stringify({ ...validClaims(), jti: "forged" }),
      attackerKey.privateKey,
    )}`;

    // Assess
    expect(await decide(authorizerEvent(tampered))).toBe("bad_signature");
    expect(await decide(authorizerEvent(stripped))).toBe("bad_signature");
    expect(await decide(authorizerEvent(attackerSigned))).toBe("bad_signature");
    expect(await decide(authorizerEvent(`Bearer ${token(validClaims(), { jku: "https://evil" })}`))).toBe(
      "header_not_allowed",
    );
  });
});
