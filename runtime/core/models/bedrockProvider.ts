import { performance } from "node:perf_hooks";
import type {
  BedrockRuntimeClient,
  ConverseCommandOutput,
  ConverseStreamOutput,
  InvokeModelCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { bedrockCapabilitiesOf } from "./bedrock/bedrockCapabilities.ts";
import { bedrockEmbeddingCalls } from "./bedrock/bedrockEmbeddingCalls.ts";
import { bedrockEmbeddingResult } from "./bedrock/bedrockEmbeddingResult.ts";
import { bedrockSdkError } from "./bedrock/bedrockSdkError.ts";
import { converseRequest } from "./bedrock/converseRequest.ts";
import { converseResponse } from "./bedrock/converseResponse.ts";
import { converseStreamEvents } from "./bedrock/converseStreamEvents.ts";
import { mapConcurrently } from "./bedrock/mapConcurrently.ts";
import { IdleTimeoutError, raceSignal } from "./bedrock/raceSignal.ts";
import { countTokens } from "./countTokens.ts";
import { applicationInferenceProfileArnPattern } from "./inferenceProfileArn.ts";
import {
  ModelConfigurationError,
  ModelError,
  ProviderBadResponseError,
  ProviderTimeoutError,
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
   * Longest one call may take, SDK retries included; for a stream, the longest wait for its next event.
   * @default 25000 (below API Gateway's 30 s integration limit)
   */
  readonly timeoutMs?: number;
  /**
   * Most InvokeModel calls in flight for one embeddings request (Titan embeds one text per call).
   * @default 4
   */
  readonly embeddingConcurrency?: number;
  /** Clock for `Retry-After` HTTP-dates. @default Date.now */
  readonly now?: () => number;
}

/** An application inference profile ARN (not a system-defined profile or a foundation model). */
export { applicationInferenceProfileArnPattern };

/** @see BedrockProviderArgs.timeoutMs */
export const defaultBedrockTimeoutMs = 25_000;

/** @see BedrockProviderArgs.embeddingConcurrency */
export const defaultBedrockEmbeddingConcurrency = 4;

/** Bedrock's count of the input tokens of an InvokeModel call; Cohere's body carries none. */
const inputTokenCountHeader = "x-amzn-bedrock-input-token-count";

type Context = { readonly provider: "bedrock"; readonly modelKey: string };

/**
 * Calls models on Amazon Bedrock through the tenant's application inference profile for the model key
 * (`modelId` is the profile ARN): chat with Converse and ConverseStream, embeddings with InvokeModel. The
 * request mapping, the model capability table and the answer mapping are pure functions in `./bedrock/`;
 * this class sends, times and maps every failure to a typed model error (see docs/models.md, "Bedrock").
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
  readonly #embeddingConcurrency: number;
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
    this.#embeddingConcurrency = args.embeddingConcurrency ?? defaultBedrockEmbeddingConcurrency;
    this.#now = args.now ?? Date.now;
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    const context: Context = { provider: this.name, modelKey: request.modelKey };
    const plan = converseRequest(
      request,
      this.#profileArn(context),
      bedrockCapabilitiesOf(request.providerModelId),
    );
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const startedAt = performance.now();
    let output: ConverseCommandOutput;
    try {
      // Imported on use, so bundles that include this module do not load the SDK at cold start.
      const { ConverseCommand } = await import("@aws-sdk/client-bedrock-runtime");
      output = await this.#client.send(new ConverseCommand(plan.input), {
        abortSignal: AbortSignal.any([options.signal, timeout]),
      });
    } catch (error) {
      throw this.#mapError(error, context, options.signal, timeout.aborted);
    }
    return converseResponse(output, request, plan, Math.round(performance.now() - startedAt));
  }

  /**
   * Streams the answer with ConverseStream. `timeoutMs` bounds each wait (for the answer to start, then for
   * every next event) rather than the whole answer, which may run as long as the model writes. On abort,
   * timeout, an error or `return()`, the HTTP stream is cancelled through the SDK's abort signal.
   */
  async *stream(request: ModelRequest, options: ModelCallOptions): AsyncGenerator<ModelStreamEvent> {
    const context: Context = { provider: this.name, modelKey: request.modelKey };
    const plan = converseRequest(
      request,
      this.#profileArn(context),
      bedrockCapabilitiesOf(request.providerModelId),
    );
    const upstream = new AbortController();
    const abortSignal = AbortSignal.any([options.signal, upstream.signal]);
    let events: AsyncIterator<ModelStreamEvent> | undefined;
    let waiting = false;
    try {
      const { ConverseStreamCommand } = await import("@aws-sdk/client-bedrock-runtime");
      const output = await raceSignal(
        this.#client.send(new ConverseStreamCommand(plan.input), { abortSignal }),
        options.signal,
        this.#timeoutMs,
      );
      if (output.stream === undefined) {
        throw new ProviderBadResponseError({
          ...context,
          problem: "no stream in the ConverseStream response",
        });
      }
      events = converseStreamEvents(output.stream as AsyncIterable<ConverseStreamOutput>, plan, context)[
        Symbol.asyncIterator
      ]();
      while (true) {
        waiting = true;
        const next = await raceSignal(events.next(), options.signal, this.#timeoutMs);
        waiting = false;
        if (next.done) return;
        yield next.value;
      }
    } catch (error) {
      throw this.#mapError(error, context, options.signal, error instanceof IdleTimeoutError);
    } finally {
      // Cancels the HTTP stream if it is still open; a no-op after a clean end.
      upstream.abort();
      // Closing waits for a pending next(), which a hung connection may never settle: wait only when idle.
      const closing = events?.return?.().catch(() => undefined);
      if (!waiting) await closing;
    }
  }

  /**
   * Embeds with InvokeModel on the profile: Titan v2 one text per call, Cohere v3 and v4 up to 96 per call,
   * at most `embeddingConcurrency` calls at once, all within `timeoutMs`. The first failure aborts the
   * other calls.
   */
  async embed(request: EmbeddingRequest, options: ModelCallOptions): Promise<EmbeddingResponse> {
    const context: Context = { provider: this.name, modelKey: request.modelKey };
    const profileArn = this.#profileArn(context);
    const { family, calls } = bedrockEmbeddingCalls(request, bedrockCapabilitiesOf(request.providerModelId));
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const failed = new AbortController();
    const abortSignal = AbortSignal.any([options.signal, timeout, failed.signal]);
    const startedAt = performance.now();
    try {
      const { InvokeModelCommand } = await import("@aws-sdk/client-bedrock-runtime");
      const results = await mapConcurrently(calls, this.#embeddingConcurrency, async (call) => {
        const command = new InvokeModelCommand({
          modelId: profileArn,
          contentType: "application/json",
          accept: "application/json",
          body: call.body,
        });
        const headers = captureHeaders(command);
        const output = await this.#client.send(command, { abortSignal });
        const result = bedrockEmbeddingResult(
          family,
          new TextDecoder().decode(output.body),
          call.inputCount,
          context,
        );
        const texts = request.inputs.slice(call.firstInput, call.firstInput + call.inputCount);
        return {
          vectors: result.vectors,
          inputTokens: result.inputTokens ?? headerCount(headers()) ?? sumTokens(texts),
        };
      });
      return {
        vectors: results.flatMap((result) => result.vectors),
        usage: { inputTokens: results.reduce((sum, result) => sum + result.inputTokens, 0) },
        provider: "bedrock",
        providerModelId: request.providerModelId,
        latencyMs: Math.round(performance.now() - startedAt),
      };
    } catch (error) {
      failed.abort();
      throw this.#mapError(error, context, options.signal, timeout.aborted);
    }
  }

  #profileArn(context: Context): string {
    const profileArn = this.#profileArns.get(context.modelKey);
    if (profileArn === undefined) {
      throw new ModelConfigurationError({
        ...context,
        problem: "has no application inference profile ARN",
        fix: `pass inferenceProfileArns["${context.modelKey}"] (the deploy sets it from the tenant stack's profile for this model); Bedrock is never called with the raw model id`,
      });
    }
    return profileArn;
  }

  #mapError(error: unknown, context: Context, signal: AbortSignal, timedOut: boolean): ModelError {
    if (signal.aborted) return new ProviderTimeoutError({ ...context, reason: "aborted", cause: error });
    if (timedOut) {
      return new ProviderTimeoutError({
        ...context,
        reason: "timeout",
        timeoutMs: this.#timeoutMs,
        cause: error,
      });
    }
    if (error instanceof ModelError) return error;
    return bedrockSdkError(error, context, this.#now());
  }
}

/**
 * The HTTP headers of the command's response, once it has been received. InvokeModel's output leaves them
 * out, and Cohere's token count is only there; a client mocked above the HTTP layer never fills them.
 */
function captureHeaders(command: InvokeModelCommand): () => Readonly<Record<string, string>> | undefined {
  let headers: Readonly<Record<string, string>> | undefined;
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      headers = (result.response as { headers?: Record<string, string> }).headers;
      return result;
    },
    { step: "deserialize", name: "siloCaptureResponseHeaders" },
  );
  return () => headers;
}

function headerCount(headers: Readonly<Record<string, string>> | undefined): number | undefined {
  const value = headers?.[inputTokenCountHeader];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The fallback when Bedrock reports no count: the platform's own rule (see `countTokens`). */
function sumTokens(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + countTokens(text), 0);
}
