/**
 * Milliseconds rounded to the microsecond, as the log lines carry latencies and phase timings.
 *
 * @example
 * roundMs(performance.now() - started); // e.g. 0.412
 */
export function roundMs(milliseconds: number): number {
  return Math.round(milliseconds * 1000) / 1000;
}
