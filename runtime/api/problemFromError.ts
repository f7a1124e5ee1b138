import { billedUsageOf } from "../core/models/modelErrors.ts";
import type { Problem } from "./schemas/problem.ts";
import { problemMediaType } from "./schemas/problem.ts";

/** How an error code is answered over HTTP. */
interface ProblemType {
  readonly status: number;
  readonly title: string;
  /**
   * Set for errors whose message names internals (database hosts, secret ids) that are for the operator's
   * logs, not the tenant's app: the caller gets this text instead.
   */
  readonly publicDetail?: string;
  /**
   * For a failed model call, the public detail by whether the call was charged: a stream cut after the
   * model produced part of the answer, or an unusable answer the provider billed, is; otherwise nothing is.
   */
  readonly publicDetailByCharge?: { readonly uncharged: string; readonly charged: string };
  /**
   * OpenAI's error `type` (and `code`) for this error on OpenAI-compatible routes, where clients branch on
   * it. @default `server_error` for 5xx, `invalid_request_error` otherwise
   */
  readonly openAiType?: string;
  /**
   * Retrying cannot help (the official OpenAI clients otherwise retry every 429 and 5xx): answered with
   * `x-should-retry: false`, which they honour, and never with a Retry-After.
   */
  readonly doNotRetry?: true;
}

/**
 * The one table from stable error codes to HTTP. Every error the tenant API can answer with is here; an
 * error whose code is missing is a bug and answers 500 without detail (its message may hold internals).
 */
export const problemTypes: Readonly<Record<string, ProblemType>> = {
  VALIDATION_FAILED: { status: 400, title: "The request is invalid" },
  MALFORMED_BODY: { status: 400, title: "The request body is not valid JSON" },
  UNAUTHENTICATED: { status: 401, title: "Authentication required" },
  TENANT_MISMATCH: { status: 403, title: "Forbidden" },
  MODEL_NOT_ALLOWED: { status: 403, title: "The model is not allowed for this tenant" },
  NOT_FOUND: { status: 404, title: "Not found" },
  ROUTE_NOT_FOUND: { status: 404, title: "No such route" },
  CONFLICT: { status: 409, title: "Conflict" },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: "A request with this Idempotency-Key is in progress" },
  EXPORT_NOT_DOWNLOADABLE: { status: 409, title: "The export has no file to download" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "The request body is too large" },
  EXPORT_TOO_LARGE: { status: 413, title: "The export is too large to download through the API" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "The Idempotency-Key was used for another request" },
  MODEL_REQUEST_REJECTED: { status: 422, title: "The model provider refused the request" },
  MAX_TOKENS_EXCEEDED: { status: 422, title: "The request asks for more tokens than the tenant allows" },
  BUDGET_ABOVE_CEILING: { status: 422, title: "The budget is above the ceiling the platform team set" },
  SETTING_REFUSED: { status: 422, title: "The tenant's configuration does not allow this setting" },
  TEMPLATE_VARIABLE_MISSING: { status: 422, title: "A template variable has no value" },
  MODEL_UNSUPPORTED_PARAMETER: { status: 400, title: "The model cannot honour a parameter of the request" },
  BUDGET_EXCEEDED: {
    status: 429,
    title: "The tenant's monthly budget is spent",
    openAiType: "insufficient_quota",
    doNotRetry: true,
  },
  MODEL_THROTTLED: { status: 429, title: "The model provider is throttling requests" },
  MODEL_PROVIDER_ERROR: {
    status: 502,
    title: "The model provider failed",
    publicDetailByCharge: {
      uncharged: "the model provider failed; nothing was charged. Retry shortly",
      charged:
        "the model provider failed after producing part of the answer, which is charged (see the request's ledger row). Retry shortly",
    },
  },
  MODEL_BAD_RESPONSE: {
    status: 502,
    title: "The model provider sent an invalid response",
    publicDetailByCharge: {
      uncharged: "the model provider sent a response the silo could not use; nothing was charged",
      charged:
        "the model provider sent a response the silo could not use; the provider bills what it produced, so that is charged (see the request's ledger row)",
    },
  },
  MODEL_MISCONFIGURED: {
    status: 502,
    title: "The model is not reachable with this tenant's configuration",
    publicDetail:
      "the model is not reachable with this tenant's configuration; ask the platform team to check it",
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    title: "The tenant's database is unavailable",
    publicDetail: "the tenant's database is unavailable; nothing was changed. Retry shortly",
  },
  SECRET_UNAVAILABLE: {
    status: 503,
    title: "A secret the silo needs is unavailable",
    publicDetail: "a credential the silo needs could not be read; nothing was changed. Retry shortly",
  },
  LEDGER_UNAVAILABLE: { status: 503, title: "The usage ledger is unavailable" },
  MODEL_TIMEOUT: { status: 504, title: "The model provider timed out" },
};

/** An HTTP answer for an error: status, headers and a problem+json body. */
export interface ProblemResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Problem;
}

/**
 * Maps any thrown value to an RFC 9457 problem response: the status from {@link problemTypes} by the
 * error's stable `code`, the error's message as `detail` (kit messages name the thing, the value and the
 * fix, and never carry SQL or stack traces), `Retry-After` when the error knows it, field errors for
 * validation, and OpenAI's `error` object on the OpenAI-compatible routes so OpenAI clients show the message.
 *
 * @example
 * const { status, headers, body } = problemFromError(error, { requestId, instance: "/v1/conversations" });
 */
export function problemFromError(
  error: unknown,
  options: {
    readonly requestId: string;
    readonly instance?: string;
    readonly openAiCompatible?: boolean;
    /**
     * Whether the failed model call was charged (a stream's ledger outcome). @default charged only when
     * the provider billed an unusable answer (`billedUsage`): a call that is not streamed is otherwise
     * released.
     */
    readonly charged?: boolean;
  },
): ProblemResponse {
  const code =
    typeof (error as { code?: unknown })?.code === "string" ? (error as { code: string }).code : "";
  const known = problemTypes[code];
  const type = known ?? { status: 500, title: "Internal error" };
  const charged = options.charged ?? billedUsageOf(error) !== undefined;
  const byCharge = known?.publicDetailByCharge;
  const detail = known
    ? ((byCharge && (charged ? byCharge.charged : byCharge.uncharged)) ??
      known.publicDetail ??
      (error as Error).message)
    : `the request failed unexpectedly; quote request id ${options.requestId} when reporting it`;
  const fields = (error as { fields?: ReadonlyArray<{ path: string; message: string }> }).fields;
  const param = (error as { param?: unknown }).param;
  // A provider's own OpenAI code for a refusal (e.g. context_length_exceeded), passed on as `error.code`.
  const openAiCode = (error as { openAiCode?: unknown }).openAiCode;
  const body: Problem = {
    type: "about:blank",
    title: type.title,
    status: type.status,
    detail,
    code: known ? code : "INTERNAL_ERROR",
    requestId: options.requestId,
    ...(options.instance ? { instance: options.instance } : {}),
    ...(known && fields
      ? { errors: fields.map((field) => ({ path: field.path, message: field.message })) }
      : {}),
    ...(options.openAiCompatible
      ? {
          error: {
            message: openAiMessage(detail, known ? fields : undefined),
            type: known?.openAiType ?? (type.status >= 500 ? "server_error" : "invalid_request_error"),
            param: typeof param === "string" ? param : (fields?.[0]?.path.replace(/^body\./, "") ?? null),
            code:
              known?.openAiType ??
              (known && typeof openAiCode === "string" ? openAiCode : undefined) ??
              (known ? code.toLowerCase() : "internal_error"),
          },
        }
      : {}),
  };
  const headers: Record<string, string> = { "content-type": problemMediaType };
  const resetsAt = (error as { resetsAt?: unknown }).resetsAt;
  if (known && resetsAt instanceof Date) headers["x-silo-budget-resets-at"] = resetsAt.toISOString();
  // An error may say itself that repeating the request cannot help (`retryable: false`), e.g. a model the
  // tenant's role may not invoke: the official clients would otherwise retry the 502 twice for nothing.
  if (known?.doNotRetry || (known && (error as { retryable?: unknown }).retryable === false))
    return { status: type.status, headers: { ...headers, "x-should-retry": "false" }, body };
  const retryAfter = (error as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
  if (known && typeof retryAfter === "number" && Number.isFinite(retryAfter) && retryAfter >= 0) {
    headers["retry-after"] = String(Math.ceil(retryAfter));
  }
  return { status: type.status, headers, body };
}

/**
 * OpenAI clients show only `error.message` (the `errors` list is not theirs), so with several invalid
 * fields it names each one rather than pointing at a list the caller cannot see.
 */
function openAiMessage(
  detail: string,
  fields: ReadonlyArray<{ path: string; message: string }> | undefined,
): string {
  if (fields === undefined || fields.length < 2) return detail;
  return `${fields.length} fields are invalid: ${fields.map((field) => `${field.path} ${field.message}`).join("; ")}`;
}
