import { SiloError } from "../errors/siloError.ts";
import type { ModelProviderName, ModelUsage } from "./modelTypes.ts";

// The errors of the model router and its providers. Each has a stable `code`; the tenant API maps codes to
// HTTP in one place (see docs/models.md for the intended mapping). Messages are written for the operator
// reading the logs: those of MODEL_MISCONFIGURED, MODEL_PROVIDER_ERROR and MODEL_BAD_RESPONSE may name
// deployment details (ARNs, upstream messages) and are not meant to be shown to tenant apps verbatim.

/** Every code a {@link ModelError} may carry. */
export const modelErrorCodes = [
  "MODEL_NOT_ALLOWED",
  "MODEL_THROTTLED",
  "MODEL_TIMEOUT",
  "MODEL_PROVIDER_ERROR",
  "MODEL_BAD_RESPONSE",
  "MODEL_REQUEST_REJECTED",
  "MODEL_MISCONFIGURED",
  "MODEL_UNSUPPORTED_PARAMETER",
] as const;

export type ModelErrorCode = (typeof modelErrorCodes)[number];

/** Which provider failed, for which of the tenant's model keys. */
export interface ProviderErrorContext {
  readonly provider: ModelProviderName;
  readonly modelKey: string;
}

/** Base of every error the model router and its providers throw on purpose. */
export abstract class ModelError extends SiloError {
  declare readonly code: ModelErrorCode;
}

/** The requested model key is not in the tenant's allowlist. Never answered with the default model instead. */
export class ModelNotAllowedError extends ModelError {
  readonly tenantId: string;
  readonly modelKey: string;
  readonly allowedKeys: readonly string[];

  constructor(args: {
    tenantId: string;
    modelKey: string;
    allowedKeys: readonly string[];
    suggestion?: string | undefined;
  }) {
    const hint = args.suggestion === undefined ? "" : `did you mean "${args.suggestion}"? `;
    super(
      "MODEL_NOT_ALLOWED",
      `Model ${quote(args.modelKey)} is not in the allowlist of tenant "${args.tenantId}"; ${hint}` +
        `use one of: ${args.allowedKeys.join(", ")} (GET /v1/models lists them, the tenant's default marked is_default)`,
    );
    this.tenantId = args.tenantId;
    this.modelKey = args.modelKey;
    this.allowedKeys = args.allowedKeys;
  }
}

/** The provider refused the call for rate or quota reasons; the caller may retry after `retryAfterSeconds`. */
export class ProviderThrottledError extends ModelError {
  readonly provider: ModelProviderName;
  readonly modelKey: string;
  readonly retryAfterSeconds: number;

  constructor(args: ProviderErrorContext & { retryAfterSeconds: number; cause?: unknown }) {
    super(
      "MODEL_THROTTLED",
      `${args.provider} throttled model "${args.modelKey}"; retry after ${args.retryAfterSeconds} s, ` +
        "and if it persists ask the platform team to raise the tenant's provider quota",
      { cause: args.cause },
    );
    this.provider = args.provider;
    this.modelKey = args.modelKey;
    this.retryAfterSeconds = args.retryAfterSeconds;
  }
}

/** The call did not finish in time: the provider's own timeout, ours, or the caller's abort signal. */
export class ProviderTimeoutError extends ModelError {
  readonly provider: ModelProviderName;
  readonly modelKey: string;
  /** `aborted`: the caller's signal fired; `timeout`: a time limit passed. */
  readonly reason: "timeout" | "aborted";

  constructor(
    args: ProviderErrorContext & {
      reason: "timeout" | "aborted";
      timeoutMs?: number | undefined;
      cause?: unknown;
    },
  ) {
    const what =
      args.reason === "aborted"
        ? "was aborted by the caller before it answered"
        : args.timeoutMs === undefined
          ? "timed out"
          : `did not answer within ${args.timeoutMs} ms`;
    super(
      "MODEL_TIMEOUT",
      `${args.provider} ${what} for model "${args.modelKey}"; retry, or ask for fewer tokens (max_tokens) or send a shorter conversation`,
      { cause: args.cause },
    );
    this.provider = args.provider;
    this.modelKey = args.modelKey;
    this.reason = args.reason;
  }
}

/** The provider failed on its side (5xx, network error, model not ready); retrying later may succeed. */
export class ProviderUnavailableError extends ModelError {
  readonly provider: ModelProviderName;
  readonly modelKey: string;
  /** The provider's HTTP status, when it answered at all. */
  readonly status: number | undefined;

  constructor(args: ProviderErrorContext & { detail: string; status?: number | undefined; cause?: unknown }) {
    super(
      "MODEL_PROVIDER_ERROR",
      `${args.provider} failed for model "${args.modelKey}" (${describeDetail(args.status, args.detail)}); retry later, and if it persists check the provider's status`,
      { cause: args.cause },
    );
    this.provider = args.provider;
    this.modelKey = args.modelKey;
    this.status = args.status;
  }
}

/** The provider answered success, but with a body that is not a usable completion (or lacks usage). */
export class ProviderBadResponseError extends ModelError {
  readonly provider: ModelProviderName;
  readonly modelKey: string;
  /**
   * The usage the provider reported with the unusable answer (e.g. a Converse `malformed_model_output`
   * stop): it bills those tokens, so metering settles them instead of releasing the call.
   */
  readonly billedUsage: ModelUsage | undefined;

  constructor(args: BadResponseContext & { problem: string; cause?: unknown }) {
    super(
      "MODEL_BAD_RESPONSE",
      `${args.provider} answered for model "${args.modelKey}" with an unusable response (${args.problem}); ` +
        "check that the model and endpoint speak the expected API, and report it to the provider if it persists",
      { cause: args.cause },
    );
    this.provider = args.provider;
    this.modelKey = args.modelKey;
    this.billedUsage = args.billedUsage;
  }
}

/** Which provider answered unusably, and the usage it reported (and bills) with that answer, if any. */
export interface BadResponseContext extends ProviderErrorContext {
  readonly billedUsage?: ModelUsage;
}

/** The usage a failed model call was billed for, when the provider reported it (see ProviderBadResponseError). */
export function billedUsageOf(error: unknown): ModelUsage | undefined {
  return error instanceof ProviderBadResponseError ? error.billedUsage : undefined;
}

/** The provider refused the request itself (e.g. the conversation is longer than the model's context). */
export class ProviderRejectedError extends ModelError {
  readonly provider: ModelProviderName;
  readonly modelKey: string;
  readonly status: number | undefined;
  /** The provider's own explanation, without secrets. */
  readonly detail: string;
  /**
   * OpenAI's `error.code` for the refusal when the provider gave one (e.g. `context_length_exceeded`), so
   * clients that branch on it keep working through the silo; the API answers it as `error.code`.
   */
  readonly openAiCode: string | undefined;
  /** The request field the provider named (`error.param`), if any. */
  readonly param: string | undefined;

  constructor(
    args: ProviderErrorContext & {
      detail: string;
      status?: number | undefined;
      cause?: unknown;
      openAiCode?: string | undefined;
      param?: string | undefined;
    },
  ) {
    super(
      "MODEL_REQUEST_REJECTED",
      `${args.provider} rejected the request for model "${args.modelKey}" (${describeDetail(args.status, args.detail)}); ` +
        "change the request (e.g. shorten the conversation or lower max_tokens) before retrying",
      { cause: args.cause },
    );
    this.provider = args.provider;
    this.modelKey = args.modelKey;
    this.status = args.status;
    this.detail = args.detail;
    this.openAiCode = args.openAiCode;
    this.param = args.param;
  }
}

/**
 * The platform is set up wrongly for this model: no provider wired, no inference profile ARN, a refused
 * credential, the echo provider outside local use. Retrying does not help; an operator must fix the setup.
 */
export class ModelConfigurationError extends ModelError {
  readonly modelKey: string | undefined;
  readonly provider: ModelProviderName | undefined;
  /**
   * Whether the same request may succeed when repeated: true only where the provider reads the
   * configuration again (a refused API key is read from its secret again, so a rotated key is picked up);
   * otherwise only the platform team's change helps, and the API tells clients not to retry.
   */
  readonly retryable: boolean;

  constructor(args: {
    modelKey?: string | undefined;
    provider?: ModelProviderName | undefined;
    problem: string;
    fix: string;
    cause?: unknown;
    /** @default false */
    retryable?: boolean;
  }) {
    const subject =
      args.modelKey === undefined
        ? `Provider ${args.provider ?? "setup"}`
        : `Model "${args.modelKey}"${args.provider === undefined ? "" : ` (${args.provider})`}`;
    super("MODEL_MISCONFIGURED", `${subject}: ${args.problem}; ${args.fix}`, { cause: args.cause });
    this.retryable = args.retryable ?? false;
    this.modelKey = args.modelKey;
    this.provider = args.provider;
  }
}

/**
 * The request asks for something this model cannot do (images to a text-only model, a `json_schema` it
 * cannot enforce, `logprobs` from a provider without them, ...). Refused before any call, never dropped:
 * the answer would not have the shape the caller asked for. A 400 naming the request parameter.
 */
export class ModelUnsupportedParameterError extends ModelError {
  readonly provider: ModelProviderName;
  readonly modelKey: string;
  /** The request parameter, as the API names it, e.g. `response_format` or `messages[1].content[0]`. */
  readonly param: string;

  constructor(args: ProviderErrorContext & { param: string; problem: string; fix: string }) {
    super(
      "MODEL_UNSUPPORTED_PARAMETER",
      `${args.param}: ${args.problem} for model "${args.modelKey}" (${args.provider}); ${args.fix}`,
    );
    this.provider = args.provider;
    this.modelKey = args.modelKey;
    this.param = args.param;
  }
}

/** A caller-supplied value for a message: JSON-quoted (control characters escaped) and bounded. */
function quote(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value);
}

function describeDetail(status: number | undefined, detail: string): string {
  return status === undefined ? detail : `HTTP ${status}: ${detail}`;
}
