import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { countTokens } from "./countTokens.ts";
import { echoAnswer } from "./echo/echoAnswer.ts";
import { echoChoices } from "./echo/echoChoices.ts";
import {
  type EchoDirective,
  echoDirectiveError,
  echoFailMidStreamDirective,
  parseEchoDirective,
} from "./echo/echoDirective.ts";
import { echoEmbedding, echoEmbeddingDimensions, echoMaxEmbeddingDimensions } from "./echo/echoEmbedding.ts";
import { echoStreamEvents, echoTextChunks } from "./echo/echoStreamEvents.ts";
import { echoTokenLogprob } from "./echo/echoTokenLogprob.ts";
import { echoUserContent } from "./echo/echoUserContent.ts";
import {
  ModelUnsupportedParameterError,
  ProviderRejectedError,
  ProviderTimeoutError,
} from "./modelErrors.ts";
import type {
  EmbeddingRequest,
  EmbeddingResponse,
  ModelCallOptions,
  ModelChoice,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
} from "./modelTypes.ts";

// The public names of the echo provider, kept importable from here as before the echo/ folder existed.
export { echoReplyPrefix } from "./echo/echoAnswer.ts";
export { echoDirectives, echoThrottleRetryAfterSeconds } from "./echo/echoDirective.ts";

type EchoContext = { readonly provider: "echo"; readonly modelKey: string };

/**
 * The deterministic provider for local use and tests: every path of the tenant API (streaming, tool calls,
 * structured output, images, embeddings, provider faults) can be driven through it without a cloud model,
 * by the real OpenAI, AI SDK and LangChain clients. It never calls out, never uses randomness, and reads
 * the clock only for `latencyMs`.
 *
 * - Answer: see `echoAnswer` (reply text, tool calls, response formats, usage); `stream` yields the same
 *   answer in chunks (`echoStreamEvents`) and ends with the same usage.
 * - Embeddings: `echoEmbedding`, unit vectors derived from a hash of each input.
 * - Faults and timing: directives the last user message consists of (`echoDirective.ts`).
 *
 * The router refuses it unless `allowEcho` is set (see `isEchoAllowed`), so production never uses it.
 * docs/models.md ("The echo provider") lists every rule and directive.
 *
 * @example
 * const echo = new EchoProvider();
 * await echo.complete({ ...request, messages: [{ role: "user", content: "hi" }] }, { signal });
 * // { content: "echo: hi", toolCalls: [], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 2, ... }, ... }
 */
export class EchoProvider implements ModelProvider {
  readonly name = "echo" as const;

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    const startedAt = performance.now();
    const context: EchoContext = { provider: this.name, modelKey: request.modelKey };
    const directive = await beforeAnswer(request, context, options.signal);
    if (directive?.kind === "fail-mid-stream") throw echoDirectiveError(echoFailMidStreamDirective, context);
    const answer = echoChoices(echoAnswer(request), request.n);
    const { logprobs } = request;
    // Each streamed text chunk is one token: `complete` gives the log probabilities its stream would.
    const withLogprobs = <Choice extends ModelChoice>(choice: Choice): Choice =>
      logprobs === undefined
        ? choice
        : {
            ...choice,
            logprobs: echoTextChunks(choice.content).map((token) => echoTokenLogprob(token, logprobs.top)),
          };
    return {
      ...withLogprobs(answer),
      ...(answer.otherChoices === undefined ? {} : { otherChoices: answer.otherChoices.map(withLogprobs) }),
      provider: this.name,
      providerModelId: request.providerModelId,
      latencyMs: Math.round(performance.now() - startedAt),
    };
  }

  async *stream(request: ModelRequest, options: ModelCallOptions): AsyncGenerator<ModelStreamEvent> {
    const context: EchoContext = { provider: this.name, modelKey: request.modelKey };
    const directive = await beforeAnswer(request, context, options.signal);
    const answer = echoChoices(echoAnswer(request), request.n);
    for (const [index, event] of echoStreamEvents(answer, request.logprobs).entries()) {
      if (index > 0) {
        if (directive?.kind === "fail-mid-stream")
          throw echoDirectiveError(echoFailMidStreamDirective, context);
        if (directive?.kind === "slow-stream") await wait(directive.ms, context, options.signal);
      }
      throwIfAborted(context, options.signal);
      yield event;
    }
  }

  async embed(request: EmbeddingRequest, options: ModelCallOptions): Promise<EmbeddingResponse> {
    const startedAt = performance.now();
    const context: EchoContext = { provider: this.name, modelKey: request.modelKey };
    throwIfAborted(context, options.signal);
    const dimensions = request.dimensions ?? echoEmbeddingDimensions;
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > echoMaxEmbeddingDimensions) {
      throw new ModelUnsupportedParameterError({
        ...context,
        param: "dimensions",
        problem: `${dimensions} is not a whole number from 1 to ${echoMaxEmbeddingDimensions}`,
        fix: `ask for 1 to ${echoMaxEmbeddingDimensions} dimensions, or omit it for ${echoEmbeddingDimensions}`,
      });
    }
    if (request.inputs.length === 0) {
      throw new ProviderRejectedError({
        ...context,
        detail: "input is empty; send at least one text to embed",
      });
    }
    for (const input of request.inputs)
      await applyDirective(parseEchoDirective(input), context, options.signal);
    const vectors = request.inputs.map((input) => echoEmbedding(input, dimensions));
    throwIfAborted(context, options.signal);
    return {
      vectors,
      usage: { inputTokens: request.inputs.reduce((sum, input) => sum + countTokens(input), 0) },
      provider: this.name,
      providerModelId: request.providerModelId,
      latencyMs: Math.round(performance.now() - startedAt),
    };
  }
}

/**
 * Checks the signal, then applies the directive the last user message is: throws for a failing one, waits
 * for `sleep`; returns it so the caller can apply the stream directives.
 */
async function beforeAnswer(
  request: ModelRequest,
  context: EchoContext,
  signal: AbortSignal,
): Promise<EchoDirective | undefined> {
  throwIfAborted(context, signal);
  const lastUser = request.messages.findLast((message) => message.role === "user");
  const directive = parseEchoDirective(echoUserContent(lastUser?.content ?? "").text);
  await applyDirective(directive, context, signal);
  return directive;
}

async function applyDirective(
  directive: EchoDirective | undefined,
  context: EchoContext,
  signal: AbortSignal,
): Promise<void> {
  if (directive?.kind === "fail") throw echoDirectiveError(directive.directive, context);
  if (directive?.kind === "sleep") await wait(directive.ms, context, signal);
}

async function wait(ms: number, context: EchoContext, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw new ProviderTimeoutError({ ...context, reason: "aborted", cause: error });
  }
}

function throwIfAborted(context: EchoContext, signal: AbortSignal): void {
  if (signal.aborted) throw new ProviderTimeoutError({ ...context, reason: "aborted", cause: signal.reason });
}
