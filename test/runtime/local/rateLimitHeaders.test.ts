import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "../../../runtime/local/rateLimitHeaders.ts";

const refused = { allowed: false, limit: 20, remaining: 0 } as const;

describe("rateLimitHeaders", () => {
  it("gives the limit, the remaining requests and the reset on an allowed request, and no retry advice", () => {
    expect(
      rateLimitHeaders({ allowed: true, limit: 20, remaining: 19, retryAfterMs: 0, resetMs: 50 }),
    ).toEqual({
      "x-ratelimit-limit-requests": "20",
      "x-ratelimit-remaining-requests": "19",
      "x-ratelimit-reset-requests": "50ms",
    });
  });

  it.each([
    { retryAfterMs: 1, retryAfter: "1", retryAfterMsHeader: "1" },
    { retryAfterMs: 100, retryAfter: "1", retryAfterMsHeader: "100" },
    { retryAfterMs: 1000, retryAfter: "1", retryAfterMsHeader: "1000" },
    { retryAfterMs: 1001, retryAfter: "2", retryAfterMsHeader: "1001" },
    { retryAfterMs: 0, retryAfter: "1", retryAfterMsHeader: "1" },
  ])(
    "rounds a wait of $retryAfterMs ms up to retry-after $retryAfter",
    ({ retryAfterMs, retryAfter, retryAfterMsHeader }) => {
      const headers = rateLimitHeaders({ ...refused, retryAfterMs, resetMs: 2000 });

      expect(headers["retry-after"]).toBe(retryAfter);
      expect(headers["retry-after-ms"]).toBe(retryAfterMsHeader);
    },
  );

  it.each([
    { resetMs: 0, reset: "0s" },
    { resetMs: 12, reset: "12ms" },
    { resetMs: 999, reset: "999ms" },
    { resetMs: 1000, reset: "1s" },
    { resetMs: 1500, reset: "1.5s" },
    { resetMs: 8640, reset: "8.64s" },
    { resetMs: 60_000, reset: "1m0s" },
    { resetMs: 360_000, reset: "6m0s" },
    { resetMs: 61_250, reset: "1m1.25s" },
    { resetMs: 3_600_000, reset: "1h0m0s" },
    { resetMs: 3_723_004, reset: "1h2m3.004s" },
  ])("writes a reset of $resetMs ms as Go's duration $reset, as OpenAI does", ({ resetMs, reset }) => {
    expect(rateLimitHeaders({ ...refused, retryAfterMs: 50, resetMs })["x-ratelimit-reset-requests"]).toBe(
      reset,
    );
  });
});
