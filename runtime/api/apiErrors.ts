import { SiloError } from "../core/errors/siloError.ts";

// Errors of the HTTP layer itself. Domain errors (not found, conflict, validation the domain judges) live
// in runtime/core; problemFromError.ts is the one place that turns any of them into an HTTP status.

/** The request body is not JSON, or is not sent as JSON. */
export class MalformedBodyError extends SiloError {
  constructor(message: string) {
    super("MALFORMED_BODY", message);
  }
}

/** The request body exceeds what the route accepts; refused before parsing. */
export class PayloadTooLargeError extends SiloError {
  constructor(bytes: number, maxBytes: number) {
    super(
      "PAYLOAD_TOO_LARGE",
      `the body is ${bytes} bytes; this API accepts at most ${maxBytes} bytes per request`,
    );
  }
}

/** The route key is not one this handler group serves. */
export class RouteNotFoundError extends SiloError {
  constructor(routeKey: string) {
    super("ROUTE_NOT_FOUND", `no route ${routeKey} in this API; see the API reference (silo openapi)`);
  }
}

/**
 * The authorizer context names another tenant than the one this function serves: a misrouted request or a
 * misconfigured API. Defence in depth behind the edge authorizer: never served.
 */
export class TenantMismatchError extends SiloError {
  constructor() {
    super("TENANT_MISMATCH", "this request is not authorized for this tenant");
  }
}

/** A request reached a handler without the authorizer context (not through the API's authorizer). */
export class MissingAuthorizationError extends SiloError {
  constructor() {
    super("UNAUTHENTICATED", "the request carries no authorizer context; call the API through its gateway");
  }
}

/** An `Idempotency-Key` reused with a different request. */
export class IdempotencyKeyReusedError extends SiloError {
  constructor(key: string) {
    super(
      "IDEMPOTENCY_KEY_REUSED",
      `Idempotency-Key "${key}" was already used with a different request; use a new key for a new request`,
    );
  }
}

/** The first request with this `Idempotency-Key` is still running. */
export class IdempotencyInProgressError extends SiloError {
  constructor(key: string) {
    super(
      "IDEMPOTENCY_IN_PROGRESS",
      `a request with Idempotency-Key "${key}" is still in progress; retry shortly`,
    );
  }
}

/** The request is well-formed but the tenant's configuration refuses it. */
export class UnprocessableRequestError extends SiloError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
