import type { TokenBucketDecision } from "./tokenBucket.ts";

/**
 * The rate-limit headers of a tenant's response, in OpenAI's names and formats so that clients written
 * for OpenAI read them: `x-ratelimit-limit-requests` (the bucket's size, the tenant's `burst`),
 * `x-ratelimit-remaining-requests` and `x-ratelimit-reset-requests` (until the bucket is full again, as a
 * Go duration such as `850ms` or `6m0s`). A refusal adds `retry-after` (whole seconds until a token, at
 * least 1: the HTTP header has no fractions) and `retry-after-ms` (the exact wait, which the openai
 * clients prefer, so a 10 requests/s tenant is not held back a whole second).
 *
 * @example
 * rateLimitHeaders({ allowed: false, limit: 20, remaining: 0, retryAfterMs: 100, resetMs: 2000 });
 * // { "x-ratelimit-limit-requests": "20", "x-ratelimit-remaining-requests": "0",
 * //   "x-ratelimit-reset-requests": "2s", "retry-after": "1", "retry-after-ms": "100" }
 */
export function rateLimitHeaders(decision: TokenBucketDecision): Record<string, string> {
  return {
    "x-ratelimit-limit-requests": String(decision.limit),
    "x-ratelimit-remaining-requests": String(decision.remaining),
    "x-ratelimit-reset-requests": goDuration(decision.resetMs),
    ...(decision.allowed
      ? {}
      : {
          "retry-after": String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))),
          "retry-after-ms": String(Math.max(1, decision.retryAfterMs)),
        }),
  };
}

/** Whole milliseconds as Go's `time.Duration` prints them, which is what OpenAI sends: `0s`, `12ms`, `1.5s`, `6m0s`, `1h0m0s`. */
function goDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole === 0) return "0s";
  if (whole < 1000) return `${whole}ms`;
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const seconds = (whole % 60_000) / 1000;
  const secondsText = `${seconds}s`;
  if (hours > 0) return `${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${minutes}m${secondsText}`;
  return secondsText;
}
