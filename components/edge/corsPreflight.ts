import type { HttpMethod } from "../../runtime/api/routes.ts";

/** Headers a browser may send on a tenant API call. */
export const corsAllowedHeaders = ["Authorization", "Content-Type", "Idempotency-Key", "Accept"] as const;

/** How long a browser may reuse a preflight answer. */
export const corsMaxAgeSeconds = 600;

/** The MOCK integration and its 204 answer of one resource's OPTIONS preflight. */
export interface CorsPreflight {
  /** The MOCK integration's request template: it only has to answer 204. */
  readonly requestTemplates: Readonly<Record<string, string>>;
  /** Static headers of the 204 (`method.response.header.*` -> quoted value). */
  readonly responseParameters: Readonly<Record<string, string>>;
  /**
   * The integration response template: sets `Access-Control-Allow-Origin` to the request's `Origin` only
   * when it is on the tenant's allowlist, so several origins work while the answer names exactly one.
   */
  readonly responseTemplates: Readonly<Record<string, string>>;
}

/**
 * The preflight answer of a resource with `methods`, for a tenant whose browsers come from
 * `allowedOrigins`. A MOCK integration cannot choose a header per request without VTL, so the origin is
 * matched in the integration response template (`$input.params('Origin')` against the allowlist) and echoed
 * through `$context.responseOverride`; an origin not on the list gets no `Access-Control-Allow-Origin` and
 * the browser refuses the call. `Vary: Origin` keeps caches from mixing the answers.
 *
 * @example
 * corsPreflight(["GET"], ["https://app.example.com"]).responseParameters["method.response.header.Access-Control-Allow-Methods"];
 * // "'GET,OPTIONS'"
 */
export function corsPreflight(
  methods: readonly HttpMethod[],
  allowedOrigins: readonly string[],
): CorsPreflight {
  const condition = allowedOrigins.map((origin) => `$origin == "${origin}"`).join(" || ");
  return {
    requestTemplates: { "application/json": '{"statusCode": 204}' },
    responseParameters: {
      "method.response.header.Access-Control-Allow-Methods": `'${[...new Set([...methods, "OPTIONS"])].join(",")}'`,
      "method.response.header.Access-Control-Allow-Headers": `'${corsAllowedHeaders.join(",")}'`,
      "method.response.header.Access-Control-Max-Age": `'${corsMaxAgeSeconds}'`,
      "method.response.header.Vary": "'Origin'",
    },
    responseTemplates: {
      "application/json": [
        "#set($origin = $input.params('Origin'))",
        `#if(${condition})`,
        "#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)",
        "#end",
      ].join("\n"),
    },
  };
}

/** The headers the preflight's method response declares. */
export const corsResponseHeaders = [
  "Access-Control-Allow-Origin",
  "Access-Control-Allow-Methods",
  "Access-Control-Allow-Headers",
  "Access-Control-Max-Age",
  "Vary",
] as const;
