/** A value axis from 0: its top, its tick values and how many decimals their labels need. */
export interface ChartScale {
  readonly max: number;
  readonly ticks: readonly number[];
  readonly decimals: number;
}

/**
 * A value axis from 0 to a round number at or above `max`, with about four ticks (steps of 1, 2, 2.5 or 5
 * times a power of ten). Only for drawing: the amounts charts print come as exact decimal strings.
 *
 * @example
 * chartScale(2.21); // { max: 3, ticks: [0, 1, 2, 3], decimals: 0 }
 */
export function chartScale(max: number, tickCount = 4): ChartScale {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], decimals: 2 };
  const rawStep = max / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const normalized = rawStep / magnitude;
  const nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
  const step = nice * magnitude;
  const steps = Math.ceil(max / step - 1e-9);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (nice === 2.5 ? 1 : 0));
  const ticks = Array.from({ length: steps + 1 }, (_, index) => Number((index * step).toFixed(decimals)));
  return { max: steps * step, ticks, decimals };
}

/** A decimal amount string as a number for geometry (never for money arithmetic); junk draws as 0. */
export function chartValue(amount: string): number {
  const value = Number(amount);
  return Number.isFinite(value) ? value : 0;
}

/** A number for an SVG attribute: 2 decimals at most, no trailing zeros. */
export function svgNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}
