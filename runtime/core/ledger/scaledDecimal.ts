/**
 * A non-negative decimal string as an exact integer count of 10^-`scale` units: the kit's money arithmetic
 * outside Postgres, without floating point. Throws on anything else, or on more fraction digits than
 * `scale` (rounding them away silently would break the bounds built on it).
 *
 * @example
 * scaledDecimal("0.00024", 9); // 240000n
 * formatScaled(123n, 6); // "0.000123"
 */
export function scaledDecimal(value: string, scale: number): bigint {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(value);
  const fraction = match?.[2] ?? "";
  if (match === null || fraction.length > scale) {
    throw new RangeError(
      `${JSON.stringify(value)} is not a non-negative decimal with at most ${scale} places`,
    );
  }
  return BigInt(match[1] ?? "0") * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
}

/** An exact count of 10^-`scale` units as a decimal string with `scale` places (see {@link scaledDecimal}). */
export function formatScaled(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, "0");
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
