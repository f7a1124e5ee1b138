import { describe, expect, it } from "vitest";
import { decisionCacheExpiry } from "../../../runtime/local/decisionCacheExpiry.ts";

const nowMs = Date.parse("2026-11-26T09:00:00Z");
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const bearer = (claims: Record<string, unknown>) => `Bearer ${b64({ alg: "RS256" })}.${b64(claims)}.c2ln`;

describe("decisionCacheExpiry", () => {
  it("ends at the TTL when the token outlives it", () => {
    const expiry = decisionCacheExpiry(bearer({ exp: nowMs / 1000 + 3600 }), nowMs, 300);

    expect(expiry).toBe(nowMs + 300_000);
  });

  it("ends at the token's exp when the token expires first", () => {
    const expiry = decisionCacheExpiry(bearer({ exp: nowMs / 1000 + 2 }), nowMs, 300);

    expect(expiry).toBe(nowMs + 2000);
  });

  it("is already over for an expired token, so nothing is cached", () => {
    expect(decisionCacheExpiry(bearer({ exp: nowMs / 1000 - 1 }), nowMs, 300)).toBeLessThan(nowMs);
  });

  it.each([
    ["no exp", bearer({ sub: "x" })],
    ["a non-numeric exp", bearer({ exp: "soon" })],
    ["a header that is not a JWT", "Bearer not-a-jwt"],
    ["a lower-case scheme", `bearer ${b64({ alg: "RS256" })}.${b64({ exp: "x" })}.c2ln`],
  ])("falls back to the TTL for %s", (_name, authorization) => {
    expect(decisionCacheExpiry(authorization, nowMs, 60)).toBe(nowMs + 60_000);
  });
});
