import { describe, expect, it } from "vitest";
import {
  defaultRetryAfterSeconds,
  maxRetryAfterSeconds,
  retryAfterSeconds,
} from "../../../../runtime/core/models/retryAfterSeconds.ts";

const nowMs = Date.parse("2026-01-15T12:00:00Z");

describe("retryAfterSeconds", () => {
  it("reads delay-seconds", () => {
    expect(retryAfterSeconds("30", nowMs)).toBe(30);
    expect(retryAfterSeconds(" 7 ", nowMs)).toBe(7);
  });

  it("reads an HTTP-date as the seconds from now, rounded up", () => {
    expect(retryAfterSeconds("Thu, 15 Jan 2026 12:00:42 GMT", nowMs)).toBe(42);
    expect(retryAfterSeconds("Thu, 15 Jan 2026 12:00:42 GMT", nowMs + 500)).toBe(42);
  });

  it("waits at least 1 s, for 0 and for a date in the past", () => {
    expect(retryAfterSeconds("0", nowMs)).toBe(1);
    expect(retryAfterSeconds("Thu, 15 Jan 2026 11:00:00 GMT", nowMs)).toBe(1);
  });

  it(`caps the wait at ${maxRetryAfterSeconds} s`, () => {
    expect(retryAfterSeconds("86400", nowMs)).toBe(maxRetryAfterSeconds);
  });

  it.each([undefined, null, "", "soon", "-5", "1.5", "2026-01-15T12:00:42Z"])(
    `falls back to ${defaultRetryAfterSeconds} s for %j`,
    (header) => {
      expect(retryAfterSeconds(header, nowMs)).toBe(defaultRetryAfterSeconds);
    },
  );
});
