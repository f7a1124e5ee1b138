import { describe, expect, it } from "vitest";
import { corsHeaders } from "../../../runtime/api/corsHeaders.ts";

const allowed = ["https://app.example.com", "http://localhost:5173"];

describe("corsHeaders", () => {
  it("allows exactly the listed origin, varies on Origin and exposes the headers clients read", () => {
    expect(corsHeaders("http://localhost:5173", allowed)).toEqual({
      "access-control-allow-origin": "http://localhost:5173",
      vary: "Origin",
      "access-control-expose-headers":
        "x-request-id, retry-after, retry-after-ms, x-should-retry, x-ratelimit-limit-requests, x-ratelimit-remaining-requests, x-ratelimit-reset-requests, idempotent-replayed, x-silo-cost-usd",
    });
  });

  it.each([
    { case: "no Origin header", origin: undefined },
    { case: "an unlisted origin", origin: "https://evil.example.com" },
    { case: "a listed host on another scheme", origin: "http://app.example.com" },
    { case: "a listed host on another port", origin: "https://app.example.com:8443" },
    { case: "a subdomain of a listed host", origin: "https://x.app.example.com" },
    { case: "the literal null origin", origin: "null" },
  ])("gives no allow header for $case, only vary: Origin", ({ origin }) => {
    expect(corsHeaders(origin, allowed)).toEqual({ vary: "Origin" });
  });

  it("gives no CORS header when the tenant allows no origin", () => {
    expect(corsHeaders("https://app.example.com", [])).toEqual({});
  });
});
