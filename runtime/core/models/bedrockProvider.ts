import { performance } from "node:perf_hooks";
import type {
  BedrockRuntimeClient,
  ConverseCommandInput,
  ConverseCommandOutput,
  InferenceConfiguration,
  Message,
} from "@aws-sdk/client-bedrock-runtime";
import { applicationInferenceProfileArnPattern } from "./inferenceProfileArn.ts";
import {
  ModelConfigurationError,
  type ModelError,
  ProviderBadResponseError,
  ProviderRejectedError,
  ProviderThrottledError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "./modelErrors.ts";
import type {
  ModelCallOptions,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelUsage,
} from "./modelTypes.ts";
import { retryAfterSeconds } from "./retryAfterSeconds.ts";

/** Arguments of {@link BedrockProvider}. */
export interface BedrockProviderArgs {
  /**
   * The Bedrock Runtime client, constructed once at module scope by the handler with few SDK retries
   * (`maxAttempts: 2`): throttling is passed on to the caller with a Retry-After instead of being retried.
   */
  readonly client: BedrockRuntimeClient;
  /**
   * The tenant's application inference profile ARN for each of its Bedrock model keys, as the deploy sets
   * them from the environment. Calls go only through these profiles (they are tagged with the tenant, so
   * the AWS bill attributes the cost); a key without one fails, never falling back to the raw model id.
   */
  readonly inferenceProfileArns: Readonly<Record<string, string>>;
  /**
   * Longest one call may take, SDK retries included.
   * @default 25000 (below API Gateway's 30 s integration limit)
   */
  readonly timeoutMs?: number;
  /** Clock for `Retry-After` HTTP-dates. @default Date.now */
  readonly now?: () => number;
}

/** An application inference profile ARN (not a system-defined profile or a foundation model). */
export { applicationInferenceProfileArnPattern };

/** @see BedrockProviderArgs.timeoutMs */
export const defaultBedrockTimeoutMs = 25_000;

const stopReasons: Readonly<Record<string, ModelResponse["finishReason"]>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  guardrail_intervened: "content_filter",
  content_filtered: "content_filter",
};

/**
 * Calls models on Amazon Bedrock with the Converse API, through the tenant's application inference profile
 * for the model key (`modelId` is the profile ARN). System messages become `system` blocks; consecutive
 * messages of one role are merged into one Converse message, since Converse requires roles to alternate.
 * Every SDK error is mapped to a typed model error (see docs/models.md).
 *
 * @example
 * const bedrock = new BedrockProvider({
 *   client: new BedrockRuntimeClient({ maxAttempts: 2 }),
 *   inferenceProfileArns: { "claude-sonnet": "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123def456" },
 * });
 */
export class BedrockProvider implements ModelProvider {
  readonly name = "bedrock" as const;
  readonly #client: BedrockRuntimeClient;
  readonly #profileArns: ReadonlyMap<string, string>;
  readonly #timeoutMs: number;
  readonly #now: () => number;

  constructor(args: BedrockProviderArgs) {
    const invalid = Object.entries(args.inferenceProfileArns).filter(
      ([, arn]) => !applicationInferenceProfileArnPattern.test(arn),
    );
    if (invalid.length > 0) {
      throw new ModelConfigurationError({
        provider: "bedrock",
        problem: `not an application inference profile ARN: ${invalid.map(([key, arn]) => `${key}=${JSON.stringify(arn)}`).join(", ")}`,
        fix: "pass arn:aws:bedrock:<region>:<account>:application-inference-profile/<id> per model key, as the tenant stack outputs it",
      });
    }
    this.#client = args.client;
    this.#profileArns = new Map(Object.entries(args.inferenceProfileArns));
    this.#timeoutMs = args.timeoutMs ?? defaultBedrockTimeoutMs;
    this.#now = args.now ?? Date.now;
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    const context = { provider: this.name, modelKey: request.modelKey };
    const profileArn = this.#profileArns.get(request.modelKey);
    if (profileArn === undefined) {
      throw new ModelConfigurationError({
        ...context,
        problem: "has no application inference profile ARN",
        fix: `pass inferenceProfileArns["${request.modelKey}"] (the deploy sets it from the tenant stack's profile for this model); Bedrock is never called with the raw model id`,
      });
    }
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const startedAt = performance.now();
    let output: ConverseCommandOutput;
    try {
      // Imported on use, so bundles that include this module do not load the SDK at cold start.
      const { ConverseCommand } = await import("@aws-sdk/client-bedrock-runtime");
      output = await this.#client.send(new ConverseCommand(converseInput(request, profileArn)), {
        abortSignal: AbortSignal.any([options.signal, timeout]),
      });
    } catch (error) {
      if (options.signal.aborted)
        throw new ProviderTimeoutError({ ...context, reason: "aborted", cause: error });
      if (timeout.aborted) {
        throw new ProviderTimeoutError({
          ...context,
          reason: "timeout",
          timeoutMs: this.#timeoutMs,
          cause: error,
        });
      }
      throw mapSdkError(error, context, this.#now());
    }
    const latencyMs = Math.round(performance.now() - startedAt);
    return responseFrom(output, request, latencyMs);
  }
}

function converseInput(request: ModelRequest, profileArn: string): ConverseCommandInput {
  const system = request.messages
    .filter((message) => message.role === "system")
    .map((message) => ({ text: message.content }));
  const messages: Message[] = [];
  for (const message of request.messages) {
    if (message.role === "system") continue;
    const previous = messages.at(-1);
    if (previous?.role === message.role) previous.content?.push({ text: message.content });
    else messages.push({ role: message.role, content: [{ text: message.content }] });
  }
  const inferenceConfig: InferenceConfiguration = { maxTokens: request.maxTokens };
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;
  if (request.stop !== undefined && request.stop.length > 0)
    inferenceConfig.stopSequences = [...request.stop];
  return {
    modelId: profileArn,
    messages,
    ...(system.length > 0 ? { system } : {}),
    inferenceConfig,
  };
}

function responseFrom(
  output: ConverseCommandOutput,
  request: ModelRequest,
  latencyMs: number,
): ModelResponse {
  const context = { provider: "bedrock" as const, modelKey: request.modelKey };
  const blocks = output.output?.message?.content;
  if (blocks === undefined) {
    throw new ProviderBadResponseError({
      ...context,
      problem: "no output.message.content in the Converse response",
    });
  }
  const finishReason = stopReasons[output.stopReason ?? ""];
  if (finishReason === undefined) {
    throw new ProviderBadResponseError({
      ...context,
      problem: `stopReason ${JSON.stringify(output.stopReason)}`,
    });
  }
  return {
    content: blocks.map((block) => block.text ?? "").join(""),
    finishReason,
    usage: usageFrom(output.usage, context),
    provider: "bedrock",
    providerModelId: request.providerModelId,
    latencyMs,
  };
}

function usageFrom(
  usage: ConverseCommandOutput["usage"],
  context: { provider: "bedrock"; modelKey: string },
): ModelUsage {
  const count = (field: string, value: number | undefined, required: boolean): number => {
    if (value === undefined && !required) return 0;
    if (Number.isSafeInteger(value) && (value ?? -1) >= 0) return value ?? 0;
    throw new ProviderBadResponseError({ ...context, problem: `usage.${field} is ${JSON.stringify(value)}` });
  };
  // Converse reports inputTokens without the cache reads and writes, as ModelUsage wants it.
  return {
    inputTokens: count("inputTokens", usage?.inputTokens, true),
    outputTokens: count("outputTokens", usage?.outputTokens, true),
    cacheReadTokens: count("cacheReadInputTokens", usage?.cacheReadInputTokens, false),
    cacheWriteTokens: count("cacheWriteInputTokens", usage?.cacheWriteInputTokens, false),
  };
}

/** What an AWS SDK v3 error may carry; read defensively, since network errors carry none of it. */
interface SdkErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly $response?: { readonly headers?: Readonly<Record<string, string | undefined>> };
}

function mapSdkError(
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
      return new ProviderRejectedError({ ...context, status, detail, cause: error });
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
