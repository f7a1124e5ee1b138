import type { modelProviders } from "../../../tenants/schema.ts";

/** A provider kind a tenant's allowlist may name (`models.allowlist[].provider`). */
export type ModelProviderName = (typeof modelProviders)[number];

/** One message of the conversation, text only. */
export interface ModelMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/** One model call, after the router has resolved the tenant's model key. */
export interface ModelRequest {
  /** The tenant's model key (`models.allowlist[].key`), e.g. `claude-sonnet`. */
  readonly modelKey: string;
  /** The provider's model id from the tenant's allowlist (`models.allowlist[].modelId`). */
  readonly providerModelId: string;
  readonly messages: readonly ModelMessage[];
  /** Most tokens the model may generate; the caller has already capped it at the tenant's limit. */
  readonly maxTokens: number;
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  /** Sequences at which the model stops generating; not part of the reply. */
  readonly stop?: readonly string[] | undefined;
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

/** The model's answer to one {@link ModelRequest}. */
export interface ModelResponse {
  readonly content: string;
  /** `length`: cut at `maxTokens`; `content_filter`: stopped or replaced by a guardrail or filter. */
  readonly finishReason: "stop" | "length" | "content_filter";
  readonly usage: ModelUsage;
  readonly provider: ModelProviderName;
  /** The request's `providerModelId` (the model that is priced), never a deployment detail such as an ARN. */
  readonly providerModelId: string;
  /** Time spent in the provider call, in whole milliseconds. */
  readonly latencyMs: number;
}

/** Per-call options of {@link ModelProvider.complete}. */
export interface ModelCallOptions {
  /** Aborts the call, e.g. when the client disconnects or the Lambda runs out of time. */
  readonly signal: AbortSignal;
}

/**
 * A model provider: one way of calling a model. Implementations map every failure to a typed error from
 * `modelErrors.ts`, so callers never see an SDK or network error.
 */
export interface ModelProvider {
  readonly name: ModelProviderName;
  complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse>;
}
