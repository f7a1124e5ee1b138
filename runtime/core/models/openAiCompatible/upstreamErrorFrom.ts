import type { IncomingHttpHeaders } from "node:http";
import {
  ModelConfigurationError,
  type ModelError,
  type ProviderErrorContext,
  ProviderRejectedError,
  ProviderThrottledError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "../modelErrors.ts";
import { defaultRetryAfterSeconds, retryAfterSeconds } from "../retryAfterSeconds.ts";

/** An answer of the upstream that is not a success. */
export interface UpstreamFailure {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body, read within the provider's byte bound. */
  readonly text: string;
}

/** What the mapping needs to know besides the answer. */
export interface UpstreamFailureContext extends ProviderErrorContext {
  readonly baseUrl: string;
  readonly providerModelId: string;
  /** Replaced by `[redacted]` wherever the upstream repeats it. */
  readonly apiKey: string;
  /** For `Retry-After` HTTP-dates. */
  readonly nowMs: number;
}

/** Statuses that mean "this request is wrong", to be fixed by the caller rather than retried. */
const rejectedStatuses = new Set([400, 404, 413, 422]);

/**
 * The typed error for a non-2xx upstream answer: 429 throttled (with `Retry-After`), 408 timeout, 401/403
 * the tenant's key (misconfigured), 3xx a redirect that is not followed (misconfigured), 400/404/413/422
 * rejected with the upstream's explanation, anything else unavailable.
 *
 * @example
 * throw upstreamErrorFrom({ status: 429, headers: { "retry-after": "20" }, text: "{}" }, context);
 */
export function upstreamErrorFrom(failure: UpstreamFailure, context: UpstreamFailureContext): ModelError {
  const { status, headers } = failure;
  const errorContext = { provider: context.provider, modelKey: context.modelKey };
  if (status === 429) {
    const retryAfter = retryAfterSeconds(headers["retry-after"], context.nowMs);
    return new ProviderThrottledError({ ...errorContext, retryAfterSeconds: retryAfter });
  }
  if (status === 408) return new ProviderTimeoutError({ ...errorContext, reason: "timeout" });
  if (status === 401 || status === 403) {
    return new ModelConfigurationError({
      ...errorContext,
      problem: `the endpoint refused the tenant's API key (HTTP ${status})`,
      fix: `check the key in the tenant's secret for "${context.modelKey}" and that it may use model "${context.providerModelId}"`,
      // The key is read from its secret again on the next call: a retry picks up a rotated key.
      retryable: true,
    });
  }
  if (status >= 300 && status < 400) {
    return new ModelConfigurationError({
      ...errorContext,
      problem: `${context.baseUrl} redirects (HTTP ${status}${headers.location === undefined ? "" : ` to ${headers.location}`})`,
      fix: "set baseUrl to the final URL; redirects are not followed, so the key is never sent elsewhere",
    });
  }
  const detail = errorDetail(failure.text, context.apiKey);
  if (rejectedStatuses.has(status)) {
    return new ProviderRejectedError({ ...errorContext, status, detail, ...errorCodeAndParam(failure.text) });
  }
  return new ProviderUnavailableError({ ...errorContext, status, detail });
}

/**
 * The typed error for an `{"error": {...}}` event in the middle of a stream (vLLM, LiteLLM and OpenAI send
 * one when generation fails after the 200): a rate limit is throttled, a 4xx `code` or an
 * `invalid_request_error` rejected, anything else unavailable.
 *
 * @example
 * throw streamErrorFrom({ message: "overloaded", type: "server_error" }, context);
 */
export function streamErrorFrom(
  error: unknown,
  context: ProviderErrorContext & { readonly apiKey: string },
): ModelError {
  const errorContext = { provider: context.provider, modelKey: context.modelKey };
  const fields = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const message =
    typeof error === "string" ? error : typeof fields.message === "string" ? fields.message : "";
  const detail = `error event in the stream: ${bounded(message || JSON.stringify(error), context.apiKey)}`;
  const code = typeof fields.code === "number" ? fields.code : Number(fields.code ?? Number.NaN);
  const kind = `${String(fields.type ?? "")} ${String(fields.code ?? "")}`;
  if (code === 429 || /rate_limit|quota/.test(kind)) {
    return new ProviderThrottledError({ ...errorContext, retryAfterSeconds: defaultRetryAfterSeconds });
  }
  if ((code >= 400 && code < 500) || /invalid_request/.test(kind)) {
    return new ProviderRejectedError({ ...errorContext, detail });
  }
  return new ProviderUnavailableError({ ...errorContext, detail });
}

/**
 * OpenAI's `error.code` and `error.param` of a refusal, when they look like identifiers (they are passed on
 * to the tenant's client, so nothing else is).
 */
function errorCodeAndParam(text: string): { openAiCode?: string; param?: string } {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; param?: unknown } };
    const identifier = (value: unknown) =>
      typeof value === "string" && /^[A-Za-z0-9_.[\]-]{1,100}$/.test(value) ? value : undefined;
    const openAiCode = identifier(error?.code);
    const param = identifier(error?.param);
    return { ...(openAiCode ? { openAiCode } : {}), ...(param ? { param } : {}) };
  } catch {
    return {};
  }
}

/** The provider's explanation of an error status: OpenAI's `error.message`, or the start of the body. */
function errorDetail(text: string, apiKey: string): string {
  let detail = text;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message =
      typeof body.error === "string"
        ? body.error
        : typeof body.error?.message === "string"
          ? body.error.message
          : typeof body.message === "string"
            ? body.message
            : undefined;
    if (message !== undefined) detail = message;
  } catch {
    // not JSON: the start of the body is the best explanation there is
  }
  return bounded(detail, apiKey) || "no explanation in the body";
}

function bounded(text: string, apiKey: string): string {
  return text.replaceAll(apiKey, "[redacted]").replace(/\s+/g, " ").trim().slice(0, 300);
}
