import {
  ModelConfigurationError,
  type ModelError,
  ProviderRejectedError,
  ProviderThrottledError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "../modelErrors.ts";
import { retryAfterSeconds } from "../retryAfterSeconds.ts";

/** What an AWS SDK v3 error may carry; read defensively, since network errors carry none of it. */
interface SdkErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly $response?: { readonly headers?: Readonly<Record<string, string | undefined>> };
}

/**
 * The typed model error for an error of the Bedrock Runtime SDK, by its `name` (the exception's shape
 * name), then its HTTP status: the same mapping for a failed call and for an exception event in the middle
 * of a stream. `nowMs` reads a `Retry-After` HTTP-date.
 */
export function bedrockSdkError(
  error: unknown,
  context: { provider: "bedrock"; modelKey: string },
  nowMs: number,
): ModelError {
  const fields: SdkErrorFields = typeof error === "object" && error !== null ? error : {};
  const name = typeof fields.name === "string" ? fields.name : "Error";
  const status =
    typeof fields.$metadata?.httpStatusCode === "number" ? fields.$metadata.httpStatusCode : undefined;
  const detail = `${name}: ${typeof fields.message === "string" ? fields.message.slice(0, 500) : String(error)}`;
  switch (name) {
    case "ThrottlingException":
    case "ServiceQuotaExceededException": {
      const headers = fields.$response?.headers ?? {};
      const header = headers["retry-after"] ?? headers["Retry-After"];
      return new ProviderThrottledError({
        ...context,
        retryAfterSeconds: retryAfterSeconds(header, nowMs),
        cause: error,
      });
    }
    case "ModelTimeoutException":
    case "TimeoutError":
    case "AbortError":
      return new ProviderTimeoutError({ ...context, reason: "timeout", cause: error });
    case "ValidationException":
      return new ProviderRejectedError({
        ...context,
        status,
        detail,
        cause: error,
        // "Input is too long for requested model.": OpenAI clients know it as context_length_exceeded.
        ...(/too long|context (?:window|length)/i.test(detail)
          ? { openAiCode: "context_length_exceeded" }
          : {}),
      });
    case "AccessDeniedException":
    case "ResourceNotFoundException":
    case "UnrecognizedClientException":
      return new ModelConfigurationError({
        ...context,
        problem: `Bedrock refused the inference profile (${detail})`,
        fix: "check that the profile exists in this account and region and that the tenant's Lambda role may invoke it",
        cause: error,
      });
    case "ModelNotReadyException": // HTTP 429, but the model is loading rather than the tenant over quota
    case "ServiceUnavailableException":
    case "InternalServerException":
    case "ModelErrorException":
    case "ModelStreamErrorException": // the model failed mid-stream
      return new ProviderUnavailableError({ ...context, status, detail, cause: error });
  }
  if (status === 429) {
    return new ProviderThrottledError({
      ...context,
      retryAfterSeconds: retryAfterSeconds(undefined, nowMs),
      cause: error,
    });
  }
  // Any other status and network errors: the provider's side failed, and a later retry may succeed.
  return new ProviderUnavailableError({ ...context, status, detail, cause: error });
}
