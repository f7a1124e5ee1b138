import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../runtime/local/tokenBucket.ts";

describe("TokenBucket", () => {
  it("lets a burst through at once, then refuses, saying when the next token comes", () => {
    const bucket = new TokenBucket(10, 3);

    const decisions = [0, 0, 0, 0].map(() => bucket.take(1_000));

    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((decision) => decision.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]).toEqual({ allowed: false, limit: 3, remaining: 0, retryAfterMs: 100, resetMs: 300 });
  });

  it("refills at the steady rate, never past the burst", () => {
    const bucket = new TokenBucket(10, 3);
    for (let taken = 0; taken < 3; taken++) bucket.take(0);

    const after50ms = bucket.take(50);
    const after150ms = bucket.take(150);
    const afterAnHour = bucket.take(3_600_000);

    expect(after50ms).toMatchObject({ allowed: false, retryAfterMs: 50, resetMs: 250 });
    expect(after150ms).toMatchObject({ allowed: true, remaining: 0, retryAfterMs: 50, resetMs: 250 });
    expect(afterAnHour).toEqual({ allowed: true, limit: 3, remaining: 2, retryAfterMs: 0, resetMs: 100 });
  });

  it("does not refill when the clock goes backwards", () => {
    const bucket = new TokenBucket(1, 1);
    bucket.take(10_000);

    expect(bucket.take(5_000)).toMatchObject({ allowed: false, retryAfterMs: 1000 });
  });
});
