import type { RouteContract } from "../defineRoute.ts";
import { problemMediaType } from "../schemas/problem.ts";
import type { HeaderObject, ResponseObject } from "./openApiTypes.ts";

/** The error statuses the API documents, each a shared response under `components.responses`. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 502 | 504;

interface ErrorResponseDefinition {
  /** Name under `components.responses`. */
  readonly name: string;
  readonly description: string;
  /** API Gateway may answer this status itself, with a plain `{ message }` body instead of a problem. */
  readonly fromGateway?: boolean;
}

/** What each error status means in this API, and the stable codes its problems carry. */
export const errorResponseDefinitions: Readonly<Record<ErrorStatus, ErrorResponseDefinition>> = {
  400: {
    name: "BadRequest",
    description:
      "The request does not match its schema (path, query or body); `errors` lists every invalid field. Codes: VALIDATION_FAILED, MALFORMED_JSON.",
  },
  401: {
    name: "Unauthorized",
    description:
      "No bearer token: the Authorization header is missing, so API Gateway refuses the request before the authorizer runs. Code: UNAUTHENTICATED.",
    fromGateway: true,
  },
  403: {
    name: "Forbidden",
    description:
      "The token was refused: invalid, expired, without the route's scope, or for another tenant. The edge does not say which (the authorizer logs it). Code: FORBIDDEN.",
    fromGateway: true,
  },
  404: {
    name: "NotFound",
    description: "No such resource in this tenant's silo (or it was deleted). Code: NOT_FOUND.",
  },
  409: {
    name: "Conflict",
    description:
      "The Idempotency-Key was used before with a different body, or its first request is still running; or a job of this kind is already running; or an export has no file to download (still running, failed, or expired). Codes: IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, JOB_ALREADY_RUNNING, EXPORT_NOT_DOWNLOADABLE.",
  },
  413: {
    name: "ContentTooLarge",
    description:
      "The request body is larger than the API accepts, or an export file is larger than one response can carry (4 MiB). Codes: PAYLOAD_TOO_LARGE, EXPORT_TOO_LARGE.",
    fromGateway: true,
  },
  422: {
    name: "UnprocessableContent",
    description:
      "The body is well-formed but the tenant's configuration or data refuses it: the Idempotency-Key was used for another request, a budget above the ceiling the platform team set, a setting or token count the tenant's limits refuse, a template variable without a value, or the model provider refused the request. Codes: IDEMPOTENCY_KEY_REUSED, BUDGET_ABOVE_CEILING, SETTING_REFUSED, MAX_TOKENS_EXCEEDED, TEMPLATE_VARIABLE_MISSING, MODEL_REQUEST_REJECTED.",
  },
  429: {
    name: "TooManyRequests",
    description:
      "Throttled (the tenant's rate limit), or the monthly budget is spent. Retry after the Retry-After delay. Codes: RATE_LIMITED, BUDGET_EXCEEDED.",
    fromGateway: true,
  },
  500: {
    name: "InternalServerError",
    description: "A fault in the platform; quote requestId when reporting it. Code: INTERNAL_ERROR.",
    fromGateway: true,
  },
  502: {
    name: "BadGateway",
    description:
      "The model provider failed, answered with something unusable, or is not reachable with the tenant's configuration; nothing was charged unless the message says what was (an unusable answer the provider billed). Codes: MODEL_PROVIDER_ERROR, MODEL_BAD_RESPONSE, MODEL_MISCONFIGURED.",
  },
  504: {
    name: "GatewayTimeout",
    description: "The model provider did not answer in time; nothing was charged. Code: MODEL_TIMEOUT.",
  },
};

const retryAfterHeader: HeaderObject = {
  description:
    "Seconds to wait before retrying (for BUDGET_EXCEEDED, until the budget resets). Absent when API Gateway throttled the request itself.",
  schema: { type: "integer", minimum: 0 },
};

const wwwAuthenticateHeader: HeaderObject = {
  description: 'The authentication scheme to use: Bearer (RFC 6750), e.g. `Bearer error="invalid_token"`',
  schema: { type: "string" },
};

/** The shared response object for `status`, referring to the `Problem` and `GatewayError` schemas. */
export function errorResponseObject(status: ErrorStatus): ResponseObject {
  const definition = errorResponseDefinitions[status];
  const headers: Record<string, HeaderObject> | undefined =
    status === 429
      ? { "Retry-After": retryAfterHeader }
      : status === 401
        ? { "WWW-Authenticate": wwwAuthenticateHeader }
        : undefined;
  return {
    description: definition.description,
    ...(headers === undefined ? {} : { headers }),
    content: {
      [problemMediaType]: { schema: { $ref: "#/components/schemas/Problem" } },
      ...(definition.fromGateway
        ? { "application/json": { schema: { $ref: "#/components/schemas/GatewayError" } } }
        : {}),
    },
  };
}

/**
 * The error statuses `route` can answer, in ascending order: validation where it takes input, auth where it
 * needs a scope, 404 where it names a resource, 409 where it is idempotent or serves a job's file (not
 * ready), 413 where it takes a body or serves a file (too large), 422 where it takes a body, 502/504 where
 * it calls a model; throttling and internal errors everywhere.
 */
export function errorStatusesFor(route: RouteContract): ErrorStatus[] {
  const takesInput = route.pathParams !== undefined || route.query !== undefined || route.body !== undefined;
  const callsModel = route.group === "chat" && route.method === "POST";
  const servesFile = route.response.file !== undefined;
  const statuses: Array<ErrorStatus | false> = [
    takesInput && 400,
    route.scope !== null && 401,
    route.scope !== null && 403,
    route.pathParams !== undefined && 404,
    (route.idempotent === true || servesFile) && 409,
    (route.body !== undefined || servesFile) && 413,
    route.body !== undefined && 422,
    429,
    500,
    callsModel && 502,
    callsModel && 504,
  ];
  return statuses.filter((status): status is ErrorStatus => status !== false);
}
