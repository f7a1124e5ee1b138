/**
 * Response headers a browser may read cross-origin besides the CORS-safelisted ones: the request id (the
 * openai client's `_request_id`), the throttling and retry advice the clients act on (`x-should-retry`
 * included: hidden, a browser client would retry a spent budget), idempotent replays and the call's cost.
 */
export const exposedResponseHeaders = [
  "x-request-id",
  "retry-after",
  "retry-after-ms",
  "x-should-retry",
  "x-ratelimit-limit-requests",
  "x-ratelimit-remaining-requests",
  "x-ratelimit-reset-requests",
  "idempotent-replayed",
  "x-silo-cost-usd",
] as const;

/**
 * The CORS headers of an actual (not preflight) response of a tenant's API: the request's exact origin
 * when the tenant's file lists it, with `vary: Origin` so a cache never hands one origin's answer to
 * another; nothing at all for any other origin (the browser then hides the response). Never `*` and never
 * `access-control-allow-credentials`: the API takes bearer tokens, not cookies.
 *
 * @example
 * corsHeaders("https://app.example.com", ["https://app.example.com"]);
 * // { "access-control-allow-origin": "https://app.example.com", vary: "Origin",
 * //   "access-control-expose-headers": "x-request-id, retry-after, ..." }
 */
export function corsHeaders(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): Record<string, string> {
  if (origin === undefined || !allowedOrigins.includes(origin)) return {};
  return {
    "access-control-allow-origin": origin,
    vary: "Origin",
    "access-control-expose-headers": exposedResponseHeaders.join(", "),
  };
}
