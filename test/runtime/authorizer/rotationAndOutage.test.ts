import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authorizerEvent, authorizerFor } from "./support/authorizerHarness.ts";
import { rsaKey, TestIdentityProvider, testNowMs, validClaims } from "./support/testIdentityProvider.ts";

let idp: TestIdentityProvider;

beforeEach(async () => {
  idp = await TestIdentityProvider.start(rsaKey("k1"));
});

afterEach(async () => {
  await idp.close();
});

const bearer = (kid: string, claims: Record<string, unknown> = validClaims()) =>
  `Bearer ${idp.sign(claims, { kid })}`;
/** Claims for a token minted `offsetSeconds` after the frozen test time. */
const claimsAt = (offsetSeconds: number, jti = `tok-${offsetSeconds}`) => {
  const iat = Math.floor(testNowMs / 1000) + offsetSeconds;
  return { ...validClaims(), iat, exp: iat + 900, jti };
};

describe("edge authorizer: signing-key rotation", () => {
  it("picks up a new kid without a restart once the cooldown has passed", async () => {
    // Prepare
    const { reasonFor, clock } = authorizerFor(idp);
    expect(await reasonFor(authorizerEvent(bearer("k1")))).toBe("ok");
    idp.keys.set("k2", rsaKey("k2"));

    // Act
    clock.nowMs += 31_000;
    const reason = await reasonFor(authorizerEvent(bearer("k2", claimsAt(31))));

    // Assess
    expect(reason).toBe("ok");
    expect(idp.fetches).toBe(2);
  });

  it("does not refetch for unknown kids inside the cooldown, however many arrive", async () => {
    const { reasonFor } = authorizerFor(idp);
    await reasonFor(authorizerEvent(bearer("k1")));

    const reasons = [];
    for (let index = 0; index < 50; index++) {
      reasons.push(
        await reasonFor(
          authorizerEvent(
            `Bearer ${idp.sign(validClaims(), { kid: "k1", header: { kid: `random-${index}` } })}`,
          ),
        ),
      );
    }

    expect(new Set(reasons)).toEqual(new Set(["unknown_kid"]));
    expect(idp.fetches).toBe(1);
  });

  it("rejects a key removed from the JWKS once the cache window has passed", async () => {
    const { reasonFor, clock } = authorizerFor(idp, { SILO_JWKS_CACHE_SECONDS: "600" });
    idp.keys.set("k2", rsaKey("k2"));
    expect(await reasonFor(authorizerEvent(bearer("k1")))).toBe("ok");
    idp.withdrawn.add("k1");

    clock.nowMs += 601_000;
    const removed = await reasonFor(authorizerEvent(bearer("k1", claimsAt(601))));
    const kept = await reasonFor(authorizerEvent(bearer("k2", claimsAt(601))));

    expect(removed).toBe("unknown_kid");
    expect(kept).toBe("ok");
  });

  it("shares one JWKS fetch among concurrent cold requests", async () => {
    const { handler } = authorizerFor(idp);

    const results = await Promise.all(
      Array.from({ length: 25 }, () => handler(authorizerEvent(bearer("k1")))),
    );

    expect(results.every((result) => result.isAuthorized)).toBe(true);
    expect(idp.fetches).toBe(1);
  });
});

describe("edge authorizer: JWKS outage", () => {
  it("keeps cached keys working through an outage, without a refetch per request", async () => {
    // Prepare: keys cached, then the IdP goes down and the cache window passes
    const { reasonFor, clock } = authorizerFor(idp, { SILO_JWKS_CACHE_SECONDS: "60" });
    expect(await reasonFor(authorizerEvent(bearer("k1")))).toBe("ok");
    idp.mode = "fail";
    clock.nowMs += 61_000;

    // Act: 100 requests with distinct tokens over the next 10 seconds
    const reasons = [];
    for (let index = 0; index < 100; index++) {
      clock.nowMs += 100;
      reasons.push(await reasonFor(authorizerEvent(bearer("k1", claimsAt(61, `tok-${index}`)))));
    }

    // Assess: all allowed; back-off (1 s, 2 s, 4 s, ...) allows only a handful of fetch attempts
    expect(new Set(reasons)).toEqual(new Set(["ok"]));
    expect(idp.fetches).toBeGreaterThanOrEqual(2);
    expect(idp.fetches).toBeLessThanOrEqual(5);
  });

  it("denies with jwks_unavailable when no key set was ever fetched, and backs off", async () => {
    idp.mode = "fail";
    const { reasonFor, clock } = authorizerFor(idp);

    const reasons = [];
    for (let index = 0; index < 20; index++) {
      clock.nowMs += 10;
      reasons.push(await reasonFor(authorizerEvent(bearer("k1"))));
    }

    expect(new Set(reasons)).toEqual(new Set(["jwks_unavailable"]));
    expect(idp.fetches).toBe(1);
  });

  it("recovers by itself when the JWKS endpoint comes back", async () => {
    idp.mode = "garbage";
    const { reasonFor, clock } = authorizerFor(idp);
    expect(await reasonFor(authorizerEvent(bearer("k1")))).toBe("jwks_unavailable");

    idp.mode = "ok";
    clock.nowMs += 1_500;
    const reason = await reasonFor(authorizerEvent(bearer("k1", claimsAt(2))));

    expect(reason).toBe("ok");
    expect(idp.fetches).toBe(2);
  });
});

describe("edge authorizer: decision memo", () => {
  it("verifies a repeated token once and answers the repeats from the memo", async () => {
    const { handler, decisions } = authorizerFor(idp);
    const authorization = bearer("k1");

    for (let index = 0; index < 5; index++) await handler(authorizerEvent(authorization));

    expect(decisions.map((decision) => decision.memo)).toEqual([false, true, true, true, true]);
    expect(decisions.every((decision) => decision.decision === "allow")).toBe(true);
  });

  it("still checks tenant, route and scope on a memo hit", async () => {
    const { reasonFor } = authorizerFor(idp);
    const authorization = bearer("k1", { ...validClaims(), scope: "models:read" });
    await reasonFor(authorizerEvent(authorization, { routeKey: "GET /v1/models" }));

    const otherTenant = await reasonFor(
      authorizerEvent(authorization, { routeKey: "GET /v1/models", stageTenantId: "globex" }),
    );
    const otherRoute = await reasonFor(
      authorizerEvent(authorization, { routeKey: "POST /v1/chat/completions" }),
    );

    expect(otherTenant).toBe("tenant_mismatch");
    expect(otherRoute).toBe("missing_scope");
  });

  it("stops honouring a memoized token when it expires", async () => {
    const { reasonFor, clock, decisions } = authorizerFor(idp);
    const authorization = bearer("k1"); // exp = iat + 900 = now + 840
    expect(await reasonFor(authorizerEvent(authorization))).toBe("ok");

    clock.nowMs += 845_000;
    const reason = await reasonFor(authorizerEvent(authorization));

    expect(reason).toBe("expired");
    expect(decisions.at(-1)?.memo).toBe(false);
  });

  it("verifies again after the memo TTL even when the token lives longer", async () => {
    const { handler, clock, decisions } = authorizerFor(idp, { SILO_AUTH_MEMO_TTL_SECONDS: "60" });
    const authorization = bearer("k1");
    await handler(authorizerEvent(authorization));

    clock.nowMs += 61_000;
    await handler(authorizerEvent(authorization));

    expect(decisions.map((decision) => decision.memo)).toEqual([false, false]);
  });

  it("remembers nothing when the memo size is 0", async () => {
    const { handler, decisions } = authorizerFor(idp, { SILO_AUTH_MEMO_SIZE: "0" });
    const authorization = bearer("k1");

    await handler(authorizerEvent(authorization));
    await handler(authorizerEvent(authorization));

    expect(decisions.map((decision) => decision.memo)).toEqual([false, false]);
  });
});
