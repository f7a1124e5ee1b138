/**
 * The answers API Gateway itself gives, before or instead of a tenant Lambda: the REST API's gateway
 * responses. One table serves both the deployed API (components/edge configures each as an
 * `aws.apigateway.Response`) and the local gateway (runtime/local answers with the same status and body),
 * so a client sees the same error in both.
 *
 * The body keeps API Gateway's own `message` (what clients written against API Gateway read) and adds the
 * API's error shape: a stable `code`, the request id, and OpenAI's `error` object (what OpenAI clients
 * read, and all that the openai SDK shows), whose message adds what to do about it.
 */
export interface GatewayResponseSpec {
  /** The REST API gateway response type (`aws.apigateway.Response.responseType`). */
  readonly responseType: GatewayResponseType;
  /** The status API Gateway answers with; the 4XX/5XX defaults keep the status of the underlying error. */
  readonly status?: number;
  /** API Gateway's message for this response. */
  readonly message: string;
  /** The API's stable error code (the same catalogue as the tenant Lambdas' problems). */
  readonly code: string;
  /** OpenAI's error `type`. */
  readonly openAiType: string;
  /**
   * What the caller can do, appended to `message` in OpenAI's `error.message`. Plain text: no `$` or `#`,
   * which the deployed response template (VTL) would read as its own syntax.
   */
  readonly hint: string;
  /**
   * Headers with a fixed value the deployed response sends (a gateway response can only send fixed values
   * or request parameters); the local gateway computes its own where it knows better (Retry-After).
   */
  readonly fixedHeaders?: Readonly<Record<string, string>>;
}

/** The gateway response types the kit configures. */
export type GatewayResponseType =
  | "UNAUTHORIZED"
  | "ACCESS_DENIED"
  | "THROTTLED"
  | "MISSING_AUTHENTICATION_TOKEN"
  | "REQUEST_TOO_LARGE"
  | "AUTHORIZER_FAILURE"
  | "AUTHORIZER_CONFIGURATION_ERROR"
  | "INTEGRATION_TIMEOUT"
  | "DEFAULT_4XX"
  | "DEFAULT_5XX";

/**
 * Every gateway response of the tenant APIs. An unknown path (`MISSING_AUTHENTICATION_TOKEN`, which REST
 * APIs answer 403 by default) is answered 404, so a client can tell "no such route" from "not allowed".
 */
export const gatewayResponses: Readonly<Record<GatewayResponseType, GatewayResponseSpec>> = {
  UNAUTHORIZED: {
    responseType: "UNAUTHORIZED",
    status: 401,
    message: "Unauthorized",
    code: "UNAUTHENTICATED",
    openAiType: "invalid_request_error",
    hint: "the request carries no valid bearer token (none, malformed, expired, or not signed by a key of the platform's identity provider); send Authorization: Bearer <access token> with a fresh token from the identity provider",
  },
  ACCESS_DENIED: {
    responseType: "ACCESS_DENIED",
    status: 403,
    message: "Forbidden",
    code: "FORBIDDEN",
    openAiType: "invalid_request_error",
    hint: "the token is valid but does not allow this request: it is for another tenant (its tenant_id claim names a different silo) or lacks the scope this route needs",
  },
  THROTTLED: {
    responseType: "THROTTLED",
    status: 429,
    message: "Too Many Requests",
    code: "RATE_LIMITED",
    openAiType: "rate_limit_exceeded",
    hint: "this tenant's request rate is over its limit; wait for the time in the Retry-After header and retry",
    // API Gateway's throttling refills its token bucket every second: one second is the wait that helps.
    fixedHeaders: { "Retry-After": "1" },
  },
  MISSING_AUTHENTICATION_TOKEN: {
    responseType: "MISSING_AUTHENTICATION_TOKEN",
    status: 404,
    message: "Not Found",
    code: "ROUTE_NOT_FOUND",
    openAiType: "invalid_request_error",
    hint: "no such route; the tenant API's paths are /<tenant id>/v1/... (docs/api.md and the OpenAPI document list them)",
  },
  REQUEST_TOO_LARGE: {
    responseType: "REQUEST_TOO_LARGE",
    status: 413,
    message: "Request Entity Too Large",
    code: "PAYLOAD_TOO_LARGE",
    openAiType: "invalid_request_error",
    hint: "the body is over the API's 10 MB limit; send smaller images or fewer inputs per request",
  },
  AUTHORIZER_FAILURE: {
    responseType: "AUTHORIZER_FAILURE",
    status: 500,
    message: "Internal Server Error",
    code: "AUTHORIZER_FAILED",
    openAiType: "server_error",
    hint: "the platform could not check the token; retry, and report the request id if it persists",
  },
  AUTHORIZER_CONFIGURATION_ERROR: {
    responseType: "AUTHORIZER_CONFIGURATION_ERROR",
    status: 500,
    message: "Internal Server Error",
    code: "AUTHORIZER_FAILED",
    openAiType: "server_error",
    hint: "the platform could not check the token; retry, and report the request id if it persists",
  },
  INTEGRATION_TIMEOUT: {
    responseType: "INTEGRATION_TIMEOUT",
    status: 504,
    message: "Endpoint request timed out",
    code: "GATEWAY_TIMEOUT",
    openAiType: "server_error",
    hint: "the tenant API did not answer in time; retry, streaming long answers (stream: true)",
  },
  DEFAULT_4XX: {
    responseType: "DEFAULT_4XX",
    message: "Bad Request",
    code: "GATEWAY_REFUSED",
    openAiType: "invalid_request_error",
    hint: "the gateway refused the request; check the method, path and headers",
  },
  DEFAULT_5XX: {
    responseType: "DEFAULT_5XX",
    message: "Internal Server Error",
    code: "GATEWAY_ERROR",
    openAiType: "server_error",
    hint: "the gateway failed; retry, and report the request id if it persists",
  },
};

/** The body of a gateway response, as the local gateway sends it. */
export function gatewayResponseBody(type: GatewayResponseType, requestId: string) {
  const spec = gatewayResponses[type];
  return {
    message: spec.message,
    code: spec.code,
    requestId,
    error: { message: `${spec.message}: ${spec.hint}`, type: spec.openAiType, param: null, code: spec.code },
  };
}

/**
 * The same body as an API Gateway response template (VTL): the request id comes from `$context.requestId`.
 * JSON-escaped values only, so the template is valid JSON once API Gateway substitutes the id.
 */
export function gatewayResponseTemplate(type: GatewayResponseType): string {
  return JSON.stringify(gatewayResponseBody(type, "$context.requestId"));
}
