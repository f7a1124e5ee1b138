/** Request headers every preflight allows: the token, the JSON body and the idempotency key. */
const alwaysAllowedHeaders = ["authorization", "content-type", "idempotency-key"] as const;

/**
 * Further request headers allowed when a preflight asks for them. The openai SDK sends `x-stainless-*`
 * (its platform, retry count and timeout) and `openai-organization`/`openai-project`; the Vercel AI SDK
 * sets `user-agent`, which some browsers let a page send.
 */
const allowedWhenAsked = new Set(["accept", "accept-language", "content-language", "user-agent"]);
const allowedPrefixes = ["x-stainless-", "openai-"] as const;

/** Seconds a browser may reuse a preflight's answer (Chromium caps it at 7200). */
const maxAgeSeconds = 7200;

/** A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-*`) to one path of a tenant's API. */
export interface PreflightRequest {
  readonly origin: string | undefined;
  /** `access-control-request-method`. */
  readonly requestMethod: string | undefined;
  /** `access-control-request-headers`: comma-separated names. */
  readonly requestHeaders: string | undefined;
  /** The tenant file's `cors.allowedOrigins`. */
  readonly allowedOrigins: readonly string[];
  /** The methods of the tenant routes at this path. */
  readonly methods: readonly string[];
}

/** The gateway's answer to a preflight: 204 with the CORS headers, or 403 without any and why. */
export type PreflightAnswer =
  | { readonly status: 204; readonly headers: Record<string, string> }
  | { readonly status: 403; readonly reason: string };

/**
 * Decides a CORS preflight at the edge, before any authorization (a browser never sends the token on a
 * preflight). An origin the tenant's file lists gets 204 with that exact origin, the path's methods, the
 * request headers it asked for that are on the allowlist and a max age; anything else gets 403 and no
 * CORS header, which the browser reports as a failed preflight.
 *
 * @example
 * corsPreflight({ origin: "https://app.example.com", requestMethod: "POST",
 *   requestHeaders: "authorization, content-type, x-stainless-os", methods: ["POST"],
 *   allowedOrigins: ["https://app.example.com"] }).status; // 204
 */
export function corsPreflight(request: PreflightRequest): PreflightAnswer {
  if (request.origin === undefined)
    return { status: 403, reason: "an OPTIONS request without an Origin header is not a preflight" };
  if (!request.allowedOrigins.includes(request.origin))
    return {
      status: 403,
      reason: `origin ${request.origin} is not in the tenant's cors.allowedOrigins; add it to the tenant file to allow it`,
    };
  const method = request.requestMethod?.trim().toUpperCase() ?? "";
  if (!request.methods.includes(method))
    return {
      status: 403,
      reason: `access-control-request-method ${method || "(missing)"} is not a method of this path (${request.methods.join(", ")})`,
    };
  const asked = (request.requestHeaders ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name));
  const allowed = new Set<string>(alwaysAllowedHeaders);
  for (const name of asked)
    if (allowedWhenAsked.has(name) || allowedPrefixes.some((prefix) => name.startsWith(prefix)))
      allowed.add(name);
  return {
    status: 204,
    headers: {
      "access-control-allow-origin": request.origin,
      vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      "access-control-allow-methods": request.methods.join(", "),
      "access-control-allow-headers": [...allowed].join(", "),
      "access-control-max-age": String(maxAgeSeconds),
    },
  };
}
