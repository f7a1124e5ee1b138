/**
 * The answers API Gateway itself gives, before or instead of a tenant Lambda: the REST API's gateway
 * responses. One table serves both the deployed API (components/edge configures each as an
 * `aws.apigateway.Response`) and the local gateway (runtime/local answers with the same status and body),
 * so a client sees the same error in both.
 *
 * The body keeps API Gateway's own `message` (what clients written against API Gateway read) and adds the
 * API's error shape: a stable `code`, the request id, and OpenAI's `error` object (what OpenAI clients
 * read).
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
  },
  ACCESS_DENIED: {
    responseType: "ACCESS_DENIED",
    status: 403,
    message: "Forbidden",
    code: "FORBIDDEN",
    openAiType: "invalid_request_error",
  },
  THROTTLED: {
    responseType: "THROTTLED",
    status: 429,
    message: "Too Many Requests",
    code: "RATE_LIMITED",
    openAiType: "rate_limit_exceeded",
  },
  MISSING_AUTHENTICATION_TOKEN: {
    responseType: "MISSING_AUTHENTICATION_TOKEN",
    status: 404,
    message: "Not Found",
    code: "ROUTE_NOT_FOUND",
    openAiType: "invalid_request_error",
  },
  REQUEST_TOO_LARGE: {
    responseType: "REQUEST_TOO_LARGE",
    status: 413,
    message: "Request Entity Too Large",
    code: "PAYLOAD_TOO_LARGE",
    openAiType: "invalid_request_error",
  },
  AUTHORIZER_FAILURE: {
    responseType: "AUTHORIZER_FAILURE",
    status: 500,
    message: "Internal Server Error",
    code: "AUTHORIZER_FAILED",
    openAiType: "server_error",
  },
  AUTHORIZER_CONFIGURATION_ERROR: {
    responseType: "AUTHORIZER_CONFIGURATION_ERROR",
    status: 500,
    message: "Internal Server Error",
    code: "AUTHORIZER_FAILED",
    openAiType: "server_error",
  },
  INTEGRATION_TIMEOUT: {
    responseType: "INTEGRATION_TIMEOUT",
    status: 504,
    message: "Endpoint request timed out",
    code: "GATEWAY_TIMEOUT",
    openAiType: "server_error",
  },
  DEFAULT_4XX: {
    responseType: "DEFAULT_4XX",
    message: "Bad Request",
    code: "GATEWAY_REFUSED",
    openAiType: "invalid_request_error",
  },
  DEFAULT_5XX: {
    responseType: "DEFAULT_5XX",
    message: "Internal Server Error",
    code: "GATEWAY_ERROR",
    openAiType: "server_error",
  },
};

/** The body of a gateway response, as the local gateway sends it. */
export function gatewayResponseBody(type: GatewayResponseType, requestId: string) {
  const spec = gatewayResponses[type];
  return {
    message: spec.message,
    code: spec.code,
    requestId,
    error: { message: spec.message, type: spec.openAiType, param: null, code: spec.code },
  };
}

/**
 * The same body as an API Gateway response template (VTL): the request id comes from `$context.requestId`.
 * JSON-escaped values only, so the template is valid JSON once API Gateway substitutes the id.
 */
export function gatewayResponseTemplate(type: GatewayResponseType): string {
  return JSON.stringify(gatewayResponseBody(type, "$context.requestId"));
}
