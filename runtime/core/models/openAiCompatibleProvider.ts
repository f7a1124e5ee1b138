import { performance } from "node:perf_hooks";
import * as z from "zod";
import { SiloError } from "../errors/siloError.ts";
import {
  ModelConfigurationError,
  ProviderBadResponseError,
  ProviderRejectedError,
  ProviderThrottledError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "./modelErrors.ts";
import type { ModelCallOptions, ModelProvider, ModelRequest, ModelResponse } from "./modelTypes.ts";
import { postJson } from "./postJson.ts";
import { retryAfterSeconds } from "./retryAfterSeconds.ts";

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
   * Longest one call may take, reading the body included.
   * @default 25000 (below API Gateway's 30 s integration limit)
   */
  readonly timeoutMs?: number;
  /**
   * Largest response body read; a larger one is a bad response.
   * @default 8 MiB
   */
  readonly maxResponseBytes?: number;
  /** Clock for `Retry-After` HTTP-dates. @default Date.now */
  readonly now?: () => number;
}

/** @see OpenAiCompatibleProviderArgs.timeoutMs */
export const defaultOpenAiTimeoutMs = 25_000;

const tokenCount = z.int().min(0);

/** The fields of an OpenAI chat completion this provider reads; others are ignored. */
const chatCompletionBody = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z.object({
    prompt_tokens: tokenCount,
    completion_tokens: tokenCount,
    prompt_tokens_details: z.object({ cached_tokens: tokenCount.nullish() }).nullish(),
  }),
});

/** Statuses that mean "this request is wrong", to be fixed by the caller rather than retried. */
const rejectedStatuses = new Set([400, 404, 413, 422]);

/**
 * Calls a model served behind the OpenAI Chat Completions wire format (OpenAI itself, vLLM, Ollama, LiteLLM,
 * Azure-style gateways, ...): `POST {baseUrl}/chat/completions` with the tenant's own key. Redirects are not
 * followed (they would carry the key elsewhere). Every failure is mapped to a typed model error (see
 * docs/models.md).
 *
 * @example
 * const openAi = new OpenAiCompatibleProvider({
 *   baseUrls: { byok: "https://llm.example.com/v1" },
 *   getApiKey: (modelKey) => secrets.providerKey(modelKey),
 * });
 */
export class OpenAiCompatibleProvider implements ModelProvider {
  readonly name = "openai-compatible" as const;
  readonly #baseUrls: ReadonlyMap<string, string>;
  readonly #getApiKey: (modelKey: string) => Promise<string>;
  readonly #onApiKeyRejected: (modelKey: string) => void;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #now: () => number;

  constructor(args: OpenAiCompatibleProviderArgs) {
    this.#baseUrls = new Map(Object.entries(args.baseUrls));
    this.#getApiKey = args.getApiKey;
    this.#onApiKeyRejected = args.onApiKeyRejected ?? (() => {});
    this.#timeoutMs = args.timeoutMs ?? defaultOpenAiTimeoutMs;
    this.#maxResponseBytes = args.maxResponseBytes ?? 8 * 1024 * 1024;
    this.#now = args.now ?? Date.now;
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
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
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = AbortSignal.any([options.signal, timeout]);
    const startedAt = performance.now();

    let answer: Awaited<ReturnType<typeof postJson>>;
    try {
      answer = await postJson(
        `${baseUrl.replace(/\/+$/, "")}/chat/completions`,
        JSON.stringify(requestBody(request)),
        {
          headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
          signal,
          maxResponseBytes: this.#maxResponseBytes,
        },
      );
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
      throw new ProviderUnavailableError({ ...context, detail: networkDetail(error), cause: error });
    }
    const { status, headers, text } = answer;
    const latencyMs = Math.round(performance.now() - startedAt);
    if (text === undefined) {
      throw new ProviderBadResponseError({
        ...context,
        problem: `the body (HTTP ${status}) is larger than ${this.#maxResponseBytes} bytes`,
      });
    }

    if (status >= 200 && status < 300) return responseFrom(text, request, latencyMs);
    const detail = errorDetail(text, apiKey);
    if (status === 429) {
      const retryAfter = retryAfterSeconds(headers["retry-after"], this.#now());
      throw new ProviderThrottledError({ ...context, retryAfterSeconds: retryAfter });
    }
    if (status === 408) throw new ProviderTimeoutError({ ...context, reason: "timeout" });
    if (status === 401 || status === 403) {
      if (status === 401) this.#onApiKeyRejected(request.modelKey);
      throw new ModelConfigurationError({
        ...context,
        problem: `the endpoint refused the tenant's API key (HTTP ${status})`,
        fix: `check the key in the tenant's secret for "${request.modelKey}" and that it may use model "${request.providerModelId}"`,
      });
    }
    if (status >= 300 && status < 400) {
      throw new ModelConfigurationError({
        ...context,
        problem: `${baseUrl} redirects (HTTP ${status}${headers.location === undefined ? "" : ` to ${headers.location}`})`,
        fix: "set baseUrl to the final URL; redirects are not followed, so the key is never sent elsewhere",
      });
    }
    if (rejectedStatuses.has(status)) throw new ProviderRejectedError({ ...context, status, detail });
    throw new ProviderUnavailableError({ ...context, status, detail });
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

function requestBody(request: ModelRequest): Record<string, unknown> {
  return {
    model: request.providerModelId,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    // max_tokens rather than OpenAI's newer max_completion_tokens: every compatible server reads it.
    max_tokens: request.maxTokens,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topP === undefined ? {} : { top_p: request.topP }),
    ...(request.stop === undefined || request.stop.length === 0 ? {} : { stop: request.stop }),
    stream: false,
  };
}

function responseFrom(text: string, request: ModelRequest, latencyMs: number): ModelResponse {
  const context = { provider: "openai-compatible" as const, modelKey: request.modelKey };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProviderBadResponseError({ ...context, problem: "the body is not JSON", cause: error });
  }
  const parsed = chatCompletionBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") || "body";
    throw new ProviderBadResponseError({
      ...context,
      problem: `not a chat completion: ${path}: ${issue?.message ?? "invalid"}`,
      cause: parsed.error,
    });
  }
  const { choices, usage } = parsed.data;
  const choice = choices[0] as (typeof choices)[number];
  const cachedTokens = usage.prompt_tokens_details?.cached_tokens ?? 0;
  if (cachedTokens > usage.prompt_tokens) {
    throw new ProviderBadResponseError({
      ...context,
      problem: `usage.prompt_tokens_details.cached_tokens (${cachedTokens}) exceeds usage.prompt_tokens (${usage.prompt_tokens})`,
    });
  }
  return {
    content: choice.message.content,
    finishReason:
      choice.finish_reason === "length"
        ? "length"
        : choice.finish_reason === "content_filter"
          ? "content_filter"
          : "stop",
    usage: {
      // OpenAI's prompt_tokens include the cached ones; ModelUsage counts them apart.
      inputTokens: usage.prompt_tokens - cachedTokens,
      outputTokens: usage.completion_tokens,
      cacheReadTokens: cachedTokens,
      cacheWriteTokens: 0,
    },
    provider: "openai-compatible",
    providerModelId: request.providerModelId,
    latencyMs,
  };
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
  const bounded = detail.replaceAll(apiKey, "[redacted]").replace(/\s+/g, " ").trim().slice(0, 300);
  return bounded || "no explanation in the body";
}

function networkDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && !message.includes(code) ? `${message}: ${code}` : message;
}
