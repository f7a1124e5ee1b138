/**
 * The budget month of an instant: the first day of its calendar month in UTC, as `YYYY-MM-01`.
 *
 * @example
 * monthOf(new Date("2026-11-30T23:59:59Z")); // "2026-11-01"
 */
export function monthOf(at: Date): string {
  return `${at.toISOString().slice(0, 7)}-01`;
}

/** The first instant of the month after `at`'s (UTC): when a monthly budget resets. */
export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** `YYYY-MM` as a budget month (`YYYY-MM-01`). */
export function monthFromReport(month: string): string {
  return `${month}-01`;
}
