import {
  ModelError,
  ProviderBadResponseError,
  type ProviderErrorContext,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "../modelErrors.ts";

/** What ended the call, besides the error itself. */
export interface CallEnd extends ProviderErrorContext {
  /** The caller's signal fired. */
  readonly aborted: boolean;
  /** The time limit that passed (`timeoutMs` or the stream's idle limit), if one did. */
  readonly expiredAfterMs: number | undefined;
  /** The bound of one stream event, to name it. */
  readonly maxEventChars: number;
}

/**
 * The typed error for whatever ended an upstream call: the caller's abort first (`MODEL_TIMEOUT`,
 * `aborted`: whatever the transport then reported is only a consequence), then a typed error as it is, a
 * time limit (`MODEL_TIMEOUT`, `timeout`), an SSE event over the bound (`MODEL_BAD_RESPONSE`), and any other
 * (network) error as `MODEL_PROVIDER_ERROR` with its code.
 *
 * @example
 * throw callErrorFrom(error, { ...context, aborted: signal.aborted, expiredAfterMs: 25_000, maxEventChars });
 */
export function callErrorFrom(error: unknown, end: CallEnd): unknown {
  const context = { provider: end.provider, modelKey: end.modelKey };
  if (end.aborted) return new ProviderTimeoutError({ ...context, reason: "aborted", cause: error });
  if (error instanceof ModelError) return error;
  if (end.expiredAfterMs !== undefined) {
    return new ProviderTimeoutError({
      ...context,
      reason: "timeout",
      timeoutMs: end.expiredAfterMs,
      cause: error,
    });
  }
  if (error instanceof Error && error.name === "ParseError") {
    return new ProviderBadResponseError({
      ...context,
      problem: `a stream event is larger than ${end.maxEventChars} characters`,
      cause: error,
    });
  }
  return new ProviderUnavailableError({ ...context, detail: networkDetail(error), cause: error });
}

function networkDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && !message.includes(code) ? `${message}: ${code}` : message;
}
