import type { IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";
import { SiloError } from "../errors/siloError.ts";
import {
  ModelConfigurationError,
  type ModelError,
  ProviderBadResponseError,
  type ProviderErrorContext,
} from "./modelErrors.ts";
import type {
  EmbeddingRequest,
  EmbeddingResponse,
  ModelCallOptions,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
} from "./modelTypes.ts";
import { answerEvents } from "./openAiCompatible/answerEvents.ts";
import { bodyEnded } from "./openAiCompatible/bodyEnded.ts";
import { callErrorFrom } from "./openAiCompatible/callErrorFrom.ts";
import { chatRequestBody, type MaxTokensParameter } from "./openAiCompatible/chatRequestBody.ts";
import { chatResponseFrom } from "./openAiCompatible/chatResponseFrom.ts";
import { ChatStreamDecoder } from "./openAiCompatible/chatStreamDecoder.ts";
import { embeddingRequestBody } from "./openAiCompatible/embeddingRequestBody.ts";
import { embeddingResponseFrom } from "./openAiCompatible/embeddingResponseFrom.ts";
import { sseData } from "./openAiCompatible/sseData.ts";
import { upstreamErrorFrom } from "./openAiCompatible/upstreamErrorFrom.ts";
import { Watchdog } from "./openAiCompatible/watchdog.ts";
import { openPost, readBounded } from "./postJson.ts";

/**
 * Bytes one input's vector may take in an embeddings answer: 4,096 numbers (beyond the largest common
 * models) of up to 24 characters each as JSON floats.
 */
const embeddingBytesPerInput = 4096 * 24;

/** Arguments of {@link OpenAiCompatibleProvider}. */
export interface OpenAiCompatibleProviderArgs {
  /** The endpoint of each of the tenant's `openai-compatible` model keys (`models.allowlist[].baseUrl`). */
  readonly baseUrls: Readonly<Record<string, string>>;
  /**
   * The tenant's API key for a model key, from its secret `/silo/<tenant>/providers/<key>`. Called once per
   * request, so caching belongs to the supplier. The key is sent only as `Authorization: Bearer` and never
   * appears in an error or log.
   */
  readonly getApiKey: (modelKey: string) => Promise<string>;
  /**
   * Called when the endpoint refuses the key (HTTP 401), so the supplier can drop a cached key and read the
   * secret again on the next request (e.g. `SecretSource.invalidate` after a rotation).
   * @default nothing
   */
  readonly onApiKeyRejected?: (modelKey: string) => void;
  /**
   * Longest a `complete` or `embed` call may take, reading the body included; for `stream`, longest wait
   * for the response to start (its headers).
   * @default 25000 (below API Gateway's 30 s integration limit)
   */
  readonly timeoutMs?: number;
  /**
   * Longest silence between two chunks of a streamed answer. A stream has no total limit of its own (a
   * long answer may take minutes): the caller's signal ends it.
   * @default 60000
   */
  readonly streamIdleTimeoutMs?: number;
  /**
   * Largest response body read by `complete` and `embed`, and largest single event of a stream; a larger
   * one is a bad response.
   * @default 8 MiB
   */
  readonly maxResponseBytes?: number;
  /**
   * Model keys whose endpoint wants `max_completion_tokens` instead of `max_tokens` (OpenAI's reasoning
   * models). @default `max_tokens` for every key
   */
  readonly maxTokensParameters?: Readonly<Record<string, MaxTokensParameter>>;
  /** Clock for `Retry-After` HTTP-dates. @default Date.now */
  readonly now?: () => number;
}

/** @see OpenAiCompatibleProviderArgs.timeoutMs */
export const defaultOpenAiTimeoutMs = 25_000;
/** @see OpenAiCompatibleProviderArgs.streamIdleTimeoutMs */
export const defaultOpenAiStreamIdleTimeoutMs = 60_000;

/** How long a stream's body may stay open after `[DONE]` before its connection is closed instead of kept. */
const afterDoneGraceMs = 1000;

/** A model call on its way: where it goes, with which key, and how to name it in errors. */
interface Call {
  readonly context: ProviderErrorContext;
  readonly request: { readonly modelKey: string; readonly providerModelId: string };
  readonly baseUrl: string;
  readonly apiKey: string;
}

/**
 * Calls a model served behind OpenAI's wire format (OpenAI itself, vLLM, Ollama, LiteLLM, Azure-style
 * gateways, ...): `POST {baseUrl}/chat/completions`, streamed or not, and `POST {baseUrl}/embeddings`, with
 * the tenant's own key. Redirects are not followed (they would carry the key elsewhere). Every failure is
 * mapped to a typed model error; the wire mappings are the pure functions of `openAiCompatible/` (see
 * docs/models.md).
 *
 * @example
 * const openAi = new OpenAiCompatibleProvider({
 *   baseUrls: { byok: "https://llm.example.com/v1" },
 *   getApiKey: (modelKey) => secrets.providerKey(modelKey),
 * });
 * for await (const event of openAi.stream(request, { signal })) if (event.type === "text") write(event.text);
 */
export class OpenAiCompatibleProvider implements ModelProvider {
  readonly name = "openai-compatible" as const;
  readonly #baseUrls: ReadonlyMap<string, string>;
  readonly #getApiKey: (modelKey: string) => Promise<string>;
  readonly #onApiKeyRejected: (modelKey: string) => void;
  readonly #timeoutMs: number;
  readonly #streamIdleTimeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #maxTokensParameters: Readonly<Record<string, MaxTokensParameter>>;
  readonly #now: () => number;

  constructor(args: OpenAiCompatibleProviderArgs) {
    this.#baseUrls = new Map(Object.entries(args.baseUrls));
    this.#getApiKey = args.getApiKey;
    this.#onApiKeyRejected = args.onApiKeyRejected ?? (() => {});
    this.#timeoutMs = args.timeoutMs ?? defaultOpenAiTimeoutMs;
    this.#streamIdleTimeoutMs = args.streamIdleTimeoutMs ?? defaultOpenAiStreamIdleTimeoutMs;
    this.#maxResponseBytes = args.maxResponseBytes ?? 8 * 1024 * 1024;
    this.#maxTokensParameters = args.maxTokensParameters ?? {};
    this.#now = args.now ?? Date.now;
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    const call = await this.#prepare(request);
    const body = chatRequestBody(request, {
      stream: false,
      maxTokensParameter: this.#maxTokensParameters[request.modelKey],
    });
    const startedAt = performance.now();
    const text = await this.#post(call, "/chat/completions", body, options);
    const answer = chatResponseFrom(text, call.context, request);
    return {
      ...answer,
      provider: this.name,
      providerModelId: request.providerModelId,
      latencyMs: Math.round(performance.now() - startedAt),
    };
  }

  async *stream(request: ModelRequest, options: ModelCallOptions): AsyncGenerator<ModelStreamEvent> {
    const call = await this.#prepare(request);
    const body = chatRequestBody(request, {
      stream: true,
      maxTokensParameter: this.#maxTokensParameters[request.modelKey],
    });
    const watchdog = new Watchdog();
    watchdog.arm(this.#timeoutMs);
    let response: IncomingMessage | undefined;
    let drained = false;
    try {
      response = await openPost(`${call.baseUrl}/chat/completions`, JSON.stringify(body), {
        headers: { authorization: `Bearer ${call.apiKey}`, accept: "text/event-stream" },
        signal: AbortSignal.any([options.signal, watchdog.signal]),
      });
      const status = response.statusCode ?? 0;
      const contentType = String(response.headers["content-type"] ?? "");
      if (status < 200 || status >= 300 || !contentType.includes("text/event-stream")) {
        // An error status, or a server that ignored `stream: true` and answered in one piece.
        const text = await this.#readBody(response, status, call);
        drained = true;
        if (status < 200 || status >= 300) throw this.#statusError(call, response, text);
        yield* answerEvents(chatResponseFrom(text, call.context, request));
        return;
      }
      const decoder = new ChatStreamDecoder({ ...call.context, apiKey: call.apiKey }, request);
      watchdog.arm(this.#streamIdleTimeoutMs);
      const events = sseData(response, {
        maxEventChars: this.#maxResponseBytes,
        onChunk: () => watchdog.arm(this.#streamIdleTimeoutMs),
      });
      for await (const data of events) {
        for (const event of decoder.push(data)) yield event;
        if (decoder.done) break;
      }
      const finish = decoder.end();
      // Only the body's end follows [DONE]: waiting for it frees the connection for the next call.
      drained = await bodyEnded(response, afterDoneGraceMs);
      yield finish;
    } catch (error) {
      throw this.#callError(call, error, options.signal, watchdog);
    } finally {
      watchdog.disarm();
      // Destroying a body not read to its end closes the connection, which stops the upstream generating.
      if (response !== undefined && !drained) response.destroy();
    }
  }

  async embed(request: EmbeddingRequest, options: ModelCallOptions): Promise<EmbeddingResponse> {
    const call = await this.#prepare(request);
    const startedAt = performance.now();
    // An embeddings answer grows with its inputs: the bound is what the largest vectors would take as JSON
    // floats, so a big batch the upstream has already billed is not refused for its size.
    const bound = request.inputs.length * embeddingBytesPerInput + this.#maxResponseBytes;
    const text = await this.#post(call, "/embeddings", embeddingRequestBody(request), options, bound);
    const answer = embeddingResponseFrom(text, request.inputs.length, call.context);
    return {
      vectors: answer.vectors,
      usage: { inputTokens: answer.inputTokens },
      provider: this.name,
      providerModelId: request.providerModelId,
      latencyMs: Math.round(performance.now() - startedAt),
    };
  }

  /** Finds the endpoint and reads the key; a model key without a baseUrl fails before any key is read. */
  async #prepare(request: { modelKey: string; providerModelId: string }): Promise<Call> {
    const context = { provider: this.name, modelKey: request.modelKey };
    const baseUrl = this.#baseUrls.get(request.modelKey);
    if (baseUrl === undefined) {
      throw new ModelConfigurationError({
        ...context,
        problem: "has no baseUrl",
        fix: `pass baseUrls["${request.modelKey}"] from the tenant's models.allowlist`,
      });
    }
    const apiKey = await this.#apiKey(request.modelKey);
    return { context, request, baseUrl: baseUrl.replace(/\/+$/, ""), apiKey };
  }

  /** POSTs a one-piece call within `timeoutMs` and returns the 2xx body, or throws the typed error. */
  async #post(
    call: Call,
    path: string,
    body: unknown,
    options: ModelCallOptions,
    maxBytes = this.#maxResponseBytes,
  ): Promise<string> {
    const watchdog = new Watchdog();
    watchdog.arm(this.#timeoutMs);
    try {
      const response = await openPost(`${call.baseUrl}${path}`, JSON.stringify(body), {
        headers: { authorization: `Bearer ${call.apiKey}`, accept: "application/json" },
        signal: AbortSignal.any([options.signal, watchdog.signal]),
      });
      const status = response.statusCode ?? 0;
      const text = await this.#readBody(response, status, call, maxBytes);
      if (status >= 200 && status < 300) return text;
      throw this.#statusError(call, response, text);
    } catch (error) {
      throw this.#callError(call, error, options.signal, watchdog);
    } finally {
      watchdog.disarm();
    }
  }

  async #readBody(
    response: IncomingMessage,
    status: number,
    call: Call,
    maxBytes = this.#maxResponseBytes,
  ): Promise<string> {
    const text = await readBounded(response, maxBytes);
    if (text !== undefined) return text;
    throw new ProviderBadResponseError({
      ...call.context,
      problem: `the body (HTTP ${status}) is larger than ${maxBytes} bytes`,
    });
  }

  #statusError(call: Call, response: IncomingMessage, text: string): ModelError {
    const status = response.statusCode ?? 0;
    if (status === 401) this.#onApiKeyRejected(call.request.modelKey);
    return upstreamErrorFrom(
      { status, headers: response.headers, text },
      {
        ...call.context,
        baseUrl: call.baseUrl,
        providerModelId: call.request.providerModelId,
        apiKey: call.apiKey,
        nowMs: this.#now(),
      },
    );
  }

  #callError(call: Call, error: unknown, signal: AbortSignal, watchdog: Watchdog): unknown {
    return callErrorFrom(error, {
      ...call.context,
      aborted: signal.aborted,
      expiredAfterMs: watchdog.expiredAfterMs,
      maxEventChars: this.#maxResponseBytes,
    });
  }

  async #apiKey(modelKey: string): Promise<string> {
    let apiKey: string;
    try {
      apiKey = await this.#getApiKey(modelKey);
    } catch (error) {
      if (error instanceof SiloError) throw error;
      throw new ModelConfigurationError({
        provider: this.name,
        modelKey,
        problem: "could not read the tenant's API key",
        fix: `check the tenant's provider secret for "${modelKey}" and that the tenant's Lambda role may read it`,
        cause: error,
      });
    }
    if (typeof apiKey !== "string" || apiKey.trim() === "" || /[\r\n]/.test(apiKey)) {
      throw new ModelConfigurationError({
        provider: this.name,
        modelKey,
        problem: "the tenant's API key is empty or not a single line",
        fix: `store the key alone, on one line, in the tenant's provider secret for "${modelKey}"`,
      });
    }
    return apiKey;
  }
}
