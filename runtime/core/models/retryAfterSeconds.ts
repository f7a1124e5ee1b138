/** Seconds a caller is told to wait after throttling when the provider does not say. */
export const defaultRetryAfterSeconds = 5;

/** Longest wait passed on to callers, so a faulty upstream cannot tell them to go away for days. */
export const maxRetryAfterSeconds = 3600;

/**
 * The wait an HTTP `Retry-After` header asks for, in whole seconds from 1 to {@link maxRetryAfterSeconds}.
 * Accepts both forms of RFC 9110 section 10.2.3: delay-seconds (`120`) and an HTTP-date (`Wed, 21 Oct 2026
 * 07:28:00 GMT`, measured from `nowMs`). A missing or unreadable header gives {@link defaultRetryAfterSeconds}.
 *
 * @example
 * retryAfterSeconds("30", Date.now()); // 30
 * retryAfterSeconds(undefined, Date.now()); // 5
 */
export function retryAfterSeconds(header: string | null | undefined, nowMs: number): number {
  const value = header?.trim() ?? "";
  let seconds: number | undefined;
  if (/^\d{1,10}$/.test(value)) {
    seconds = Number(value);
  } else if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) {
    const dateMs = Date.parse(value);
    if (!Number.isNaN(dateMs)) seconds = Math.ceil((dateMs - nowMs) / 1000);
  }
  if (seconds === undefined) return defaultRetryAfterSeconds;
  return Math.min(maxRetryAfterSeconds, Math.max(1, seconds));
}
