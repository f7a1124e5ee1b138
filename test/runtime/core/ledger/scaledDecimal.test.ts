import { describe, expect, it } from "vitest";
import { formatScaled, scaledDecimal } from "../../../../runtime/core/ledger/scaledDecimal.ts";

describe("scaledDecimal", () => {
  it("reads decimal strings as exact integer units", () => {
    expect(scaledDecimal("0.00024", 9)).toBe(240_000n);
    expect(scaledDecimal("12", 6)).toBe(12_000_000n);
    expect(scaledDecimal("12.", 2)).toBe(1_200n);
    expect(scaledDecimal("0.123456789012345678", 18)).toBe(123_456_789_012_345_678n);
  });

  it("refuses what it cannot read exactly", () => {
    expect(() => scaledDecimal("0.0000001", 6)).toThrow(
      /"0.0000001" is not a non-negative decimal with at most 6 places/,
    );
    expect(() => scaledDecimal("-1", 6)).toThrow(RangeError);
    expect(() => scaledDecimal("1e-6", 6)).toThrow(RangeError);
  });

  it("formats units back with every place", () => {
    expect(formatScaled(123n, 6)).toBe("0.000123");
    expect(formatScaled(12_000_000n, 6)).toBe("12.000000");
    expect(formatScaled(7n, 0)).toBe("7");
  });
});
