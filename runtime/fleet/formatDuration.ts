/**
 * A duration for a person: seconds with one decimal under a minute, then minutes and seconds.
 *
 * @example
 * formatDuration(12_345); // "12.3s"
 * formatDuration(125_000); // "2m05s"
 */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)}s`;
  const seconds = Math.round(milliseconds / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}
