import { describe, expect, it } from "vitest";
import { roundMs } from "../../../../runtime/core/time/roundMs.ts";

describe("roundMs", () => {
  it.each([
    [0.4124999, 0.412],
    [0.4125001, 0.413],
    [12, 12],
    [0, 0],
  ])("rounds %d ms to the microsecond: %d", (milliseconds, expected) => {
    expect(roundMs(milliseconds)).toBe(expected);
  });
});
