import type { modelProviders } from "../../../tenants/schema.ts";

/** A provider kind a tenant's allowlist may name (`models.allowlist[].provider`). */
export type ModelProviderName = (typeof modelProviders)[number];

/** Image types every provider of the kit accepts (Bedrock Converse's set). */
export const modelImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type ModelImageType = (typeof modelImageTypes)[number];

/** One part of a user message: text, or an image the API layer has already fetched or decoded. */
export type ModelContentPart =
  | { readonly type: "text"; readonly text: string }
  | {
      readonly type: "image";
      readonly mediaType: ModelImageType;
      /** The image's bytes (a `data:` URL decoded, or a remote URL the tenant allows, fetched). */
      readonly data: Uint8Array;
      /** OpenAI's `detail` hint; providers without one ignore it. */
      readonly detail?: "auto" | "low" | "high" | undefined;
    };

/** A function call the model asked for, or (in history) one it asked for earlier. */
export interface ModelToolCall {
  /** The provider's id for the call; a `tool` message answers it by this id. */
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON text, exactly as the model produced them (it may be invalid JSON). */
  readonly arguments: string;
}

/**
 * One message of the conversation. OpenAI's `developer` role arrives here as `system`. A `tool` message is
 * the result of an earlier {@link ModelToolCall}.
 */
export type ModelMessage =
  | { readonly role: "system"; readonly content: string }
  | { readonly role: "user"; readonly content: string | readonly ModelContentPart[] }
  | {
      readonly role: "assistant";
      readonly content: string;
      /** Calls the assistant made in this turn; empty or absent when it answered with text only. */
      readonly toolCalls?: readonly ModelToolCall[] | undefined;
    }
  | { readonly role: "tool"; readonly toolCallId: string; readonly content: string };

/** A function the model may call (OpenAI's `tools[].function`). */
export interface ModelTool {
  readonly name: string;
  readonly description?: string | undefined;
  /** A JSON Schema object for the arguments. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** OpenAI's strict mode: the arguments must match the schema exactly. */
  readonly strict?: boolean | undefined;
}

/** Whether and which tool the model must call (OpenAI's `tool_choice`). */
export type ModelToolChoice = "auto" | "none" | "required" | { readonly name: string };

/** The shape the answer must take (OpenAI's `response_format`). */
export type ModelResponseFormat =
  | { readonly type: "text" }
  | { readonly type: "json_object" }
  | {
      readonly type: "json_schema";
      readonly name: string;
      readonly description?: string | undefined;
      /** A JSON Schema the answer's content must be valid against. */
      readonly schema: Readonly<Record<string, unknown>>;
      readonly strict?: boolean | undefined;
    };

/**
 * Sampling parameters a provider passes on when it can, and ignores when it cannot (none of them changes
 * the answer's shape). Each provider documents what it honours (docs/models.md).
 */
export interface ModelSamplingOptions {
  readonly seed?: number | undefined;
  readonly frequencyPenalty?: number | undefined;
  readonly presencePenalty?: number | undefined;
  /** The tenant app's end user, for the provider's abuse monitoring (OpenAI's `user`). */
  readonly user?: string | undefined;
  /**
   * How much a reasoning model thinks before it answers (OpenAI's `reasoning_effort`: `none` to `max`).
   * Reasoning tokens are output tokens in the provider's usage, so they are metered like any other.
   */
  readonly reasoningEffort?: string | undefined;
}

/**
 * Log probabilities of the output tokens (OpenAI's `logprobs` and `top_logprobs`). They change the
 * answer's shape, so a provider that cannot return them refuses the request.
 */
export interface ModelLogprobsRequest {
  /** How many of the most likely tokens to list at each position, beside the chosen one: 0 to 20. */
  readonly top: number;
}

/** A token and its log probability, as OpenAI reports it. */
export interface ModelTokenProbability {
  readonly token: string;
  readonly logprob: number;
  /** The token's UTF-8 bytes; null when the provider has none (OpenAI's `bytes`). */
  readonly bytes: readonly number[] | null;
}

/** One output token's log probability and, when asked for, the most likely tokens at its position. */
export interface ModelTokenLogprob extends ModelTokenProbability {
  readonly topLogprobs: readonly ModelTokenProbability[];
}

/** One model call, after the router has resolved the tenant's model key. */
export interface ModelRequest extends ModelSamplingOptions {
  /** The tenant's model key (`models.allowlist[].key`), e.g. `claude-sonnet`. */
  readonly modelKey: string;
  /** The provider's model id from the tenant's allowlist (`models.allowlist[].modelId`). */
  readonly providerModelId: string;
  readonly messages: readonly ModelMessage[];
  /** Most tokens the model may generate; the caller has already capped it at the tenant's limit. */
  readonly maxTokens: number;
  /**
   * True when the tenant app sent no `max_tokens`, so `maxTokens` is the tenant's default (its per-request
   * limit): a provider may lower it to its model's own maximum, where it would refuse a number the app
   * chose.
   */
  readonly maxTokensIsDefault?: boolean | undefined;
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  /** Sequences at which the model stops generating; not part of the reply. */
  readonly stop?: readonly string[] | undefined;
  /** Functions the model may call; absent or empty means none. */
  readonly tools?: readonly ModelTool[] | undefined;
  /** @default "auto" when tools are given */
  readonly toolChoice?: ModelToolChoice | undefined;
  /** Whether the model may call several tools in one turn. @default the provider's default (true for OpenAI) */
  readonly parallelToolCalls?: boolean | undefined;
  /** @default { type: "text" } */
  readonly responseFormat?: ModelResponseFormat | undefined;
  /** Return the output tokens' log probabilities; absent: none. */
  readonly logprobs?: ModelLogprobsRequest | undefined;
  /**
   * How many independent answers (choices) to generate; absent: 1. `maxTokens` holds for each of them, so
   * the call may generate `n * maxTokens` tokens in all.
   */
  readonly n?: number | undefined;
  /** The platform's request id, also the idempotency key of the usage ledger. */
  readonly requestId: string;
}

/**
 * Tokens one call consumed, as the provider reported them; whole numbers, never negative. The four counts
 * do not overlap, so each can be priced at its own rate (the priced model table has one per field).
 */
export interface ModelUsage {
  /** Input tokens billed at the plain input rate: neither read from nor written to a prompt cache. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  readonly cacheReadTokens: number;
  /** Input tokens written to the provider's prompt cache. */
  readonly cacheWriteTokens: number;
}

/**
 * Why the model stopped. `length`: cut at `maxTokens`; `content_filter`: stopped or replaced by a guardrail
 * or filter; `tool_calls`: it asked for one or more tool calls and waits for their results.
 */
export type ModelFinishReason = "stop" | "length" | "content_filter" | "tool_calls";

/** One answer of a call (OpenAI's choice). */
export interface ModelChoice {
  /** The text of the answer; "" when the model only called tools. */
  readonly content: string;
  /** Tool calls the model made, in order; empty when none. */
  readonly toolCalls: readonly ModelToolCall[];
  readonly finishReason: ModelFinishReason;
  /** The content tokens' log probabilities, when the request asked for them and the provider gave them. */
  readonly logprobs?: readonly ModelTokenLogprob[] | undefined;
}

/** The model's answer to one {@link ModelRequest}: its own fields are the first choice. */
export interface ModelResponse extends ModelChoice {
  /** Choices 1 to n-1, in order, when the request asked for `n` > 1; absent otherwise. */
  readonly otherChoices?: readonly ModelChoice[] | undefined;
  /** Tokens of the whole call, every choice included. */
  readonly usage: ModelUsage;
  readonly provider: ModelProviderName;
  /** The request's `providerModelId` (the model that is priced), never a deployment detail such as an ARN. */
  readonly providerModelId: string;
  /** Time spent in the provider call, in whole milliseconds. */
  readonly latencyMs: number;
}

/**
 * One event of a streamed answer, in the order the model produced it. A stream is any number of `text`
 * and `tool_call` events followed by exactly one `finish`, which is always the last event.
 */
export type ModelStreamEvent =
  | {
      readonly type: "text";
      readonly text: string;
      /** The log probabilities of this piece's tokens, when the request asked for them. */
      readonly logprobs?: readonly ModelTokenLogprob[] | undefined;
      /** Which choice this piece belongs to, when the request asked for `n` > 1; absent: 0. */
      readonly choice?: number | undefined;
    }
  | {
      readonly type: "tool_call";
      /** Which choice this call belongs to, when the request asked for `n` > 1; absent: 0. */
      readonly choice?: number | undefined;
      /** Which call of this turn (0, 1, ...); the first event of an index carries its `id` and `name`. */
      readonly index: number;
      readonly id?: string | undefined;
      readonly name?: string | undefined;
      /** The next piece of the call's JSON arguments (possibly ""). */
      readonly argumentsDelta: string;
    }
  | {
      readonly type: "finish";
      /** The first choice's finish reason. */
      readonly finishReason: ModelFinishReason;
      /** Choices 1 to n-1's finish reasons, in order, when the request asked for `n` > 1. */
      readonly otherFinishReasons?: readonly ModelFinishReason[] | undefined;
      /**
       * The provider's final usage. Undefined only when the provider reported none; the caller then
       * counts it (see `meteredStream`).
       */
      readonly usage: ModelUsage | undefined;
    };

/** One embeddings call, after the router has resolved the tenant's model key. */
export interface EmbeddingRequest {
  readonly modelKey: string;
  readonly providerModelId: string;
  /** The texts to embed, one vector each, in order; at least one. */
  readonly inputs: readonly string[];
  /** Length of each vector, for models that can shorten theirs; undefined means the model's default. */
  readonly dimensions?: number | undefined;
  readonly user?: string | undefined;
  readonly requestId: string;
}

/** The vectors of one {@link EmbeddingRequest}, one per input and in the same order. */
export interface EmbeddingResponse {
  readonly vectors: readonly (readonly number[])[];
  /** Embeddings are priced per input token only. */
  readonly usage: { readonly inputTokens: number };
  readonly provider: ModelProviderName;
  readonly providerModelId: string;
  readonly latencyMs: number;
}

/** Per-call options of the provider's methods. */
export interface ModelCallOptions {
  /**
   * Aborts the call, e.g. when the client disconnects or the Lambda runs out of time. A stream that is
   * aborted stops reading from the provider and ends (see {@link ModelProvider.stream}).
   */
  readonly signal: AbortSignal;
}

/**
 * A model provider: one way of calling a model. Implementations map every failure to a typed error from
 * `modelErrors.ts`, so callers never see an SDK or network error. A request the model cannot honour
 * (images to a text-only model, a `json_schema` it cannot enforce, ...) is refused with
 * `ModelUnsupportedParameterError` before anything is sent; never silently dropped.
 */
export interface ModelProvider {
  readonly name: ModelProviderName;
  complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse>;
  /**
   * Streams the answer. Errors before the first event reject the first `next()`; errors after it are
   * thrown from the iterator. When `signal` aborts mid-stream the provider stops reading from upstream
   * and throws `ProviderTimeoutError` (reason `aborted`); calling `return()` on the iterator also stops
   * the upstream read. The caller meters what it received (see `meteredStream`).
   */
  stream(request: ModelRequest, options: ModelCallOptions): AsyncIterable<ModelStreamEvent>;
  embed(request: EmbeddingRequest, options: ModelCallOptions): Promise<EmbeddingResponse>;
}
