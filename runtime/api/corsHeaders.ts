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
 * when the tenant's file lists it; no allow header for any other origin (the browser then hides the
 * response). Whenever the tenant allows any origin, `vary: Origin` on every answer, so a cache never hands
 * one origin's answer (or an answer without CORS headers) to another. Never `*` and never
 * `access-control-allow-credentials`: the API takes bearer tokens, not cookies. The tenant's handlers add
 * them to every answer (in AWS a proxy integration's answer gets no CORS header from API Gateway); the
 * local gateway adds them to its own answers too.
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
  if (allowedOrigins.length === 0) return {};
  if (origin === undefined || !allowedOrigins.includes(origin)) return { vary: "Origin" };
  return {
    "access-control-allow-origin": origin,
    vary: "Origin",
    "access-control-expose-headers": exposedResponseHeaders.join(", "),
  };
}
