import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { countTokens } from "./countTokens.ts";
import {
  ProviderBadResponseError,
  ProviderRejectedError,
  ProviderThrottledError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from "./modelErrors.ts";
import type { ModelCallOptions, ModelProvider, ModelRequest, ModelResponse } from "./modelTypes.ts";

/** What the echo provider puts before the last user message to form its reply. */
export const echoReplyPrefix = "echo: ";

/** `retryAfterSeconds` of the throttling error `[[silo:throttle]]` injects. */
export const echoThrottleRetryAfterSeconds = 1;

/**
 * Fault-injection directives: when the **last** user message is exactly one of these (no surrounding
 * whitespace), the echo provider throws the matching error instead of replying. `[[silo:sleep:<ms>]]`
 * (0-999999) waits that long, honouring the abort signal, then replies as usual.
 */
export const echoDirectives = {
  "[[silo:throttle]]": "MODEL_THROTTLED",
  "[[silo:timeout]]": "MODEL_TIMEOUT",
  "[[silo:error]]": "MODEL_PROVIDER_ERROR",
  "[[silo:reject]]": "MODEL_REQUEST_REJECTED",
  "[[silo:bad-response]]": "MODEL_BAD_RESPONSE",
} as const;

const sleepDirective = /^\[\[silo:sleep:(\d{1,6})\]\]$/;

/**
 * The deterministic provider for local use and tests. It never calls out, never uses randomness, and reads
 * the clock only for `latencyMs`.
 *
 * - Reply: {@link echoReplyPrefix} followed by the last user message (`"echo: "` alone when there is none),
 *   cut before the first `stop` sequence it contains (finish reason `stop`), then cut to `maxTokens` tokens
 *   on a character boundary (finish reason `length`).
 * - Usage: {@link countTokens} of every message's content, summed, as input; of the reply as output; no
 *   cache tokens.
 * - Faults: see {@link echoDirectives}.
 *
 * The router refuses it unless `allowEcho` is set (see `isEchoAllowed`), so production never uses it.
 *
 * @example
 * const echo = new EchoProvider();
 * await echo.complete({ ...request, messages: [{ role: "user", content: "hi" }] }, { signal });
 * // { content: "echo: hi", finishReason: "stop", usage: { inputTokens: 1, outputTokens: 2, ... }, ... }
 */
export class EchoProvider implements ModelProvider {
  readonly name = "echo" as const;

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    const startedAt = performance.now();
    const context = { provider: this.name, modelKey: request.modelKey };
    if (options.signal.aborted) {
      throw new ProviderTimeoutError({ ...context, reason: "aborted", cause: options.signal.reason });
    }
    const lastUserText = request.messages.findLast((message) => message.role === "user")?.content ?? "";
    await applyDirective(lastUserText, context, options.signal);

    const { content, finishReason } = reply(`${echoReplyPrefix}${lastUserText}`, request);
    return {
      content,
      finishReason,
      usage: {
        inputTokens: request.messages.reduce((sum, message) => sum + countTokens(message.content), 0),
        outputTokens: countTokens(content),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
      provider: this.name,
      providerModelId: request.providerModelId,
      latencyMs: Math.round(performance.now() - startedAt),
    };
  }
}

async function applyDirective(
  text: string,
  context: { provider: "echo"; modelKey: string },
  signal: AbortSignal,
): Promise<void> {
  const injected = `injected by the echo directive ${text}`;
  switch (text) {
    case "[[silo:throttle]]":
      throw new ProviderThrottledError({ ...context, retryAfterSeconds: echoThrottleRetryAfterSeconds });
    case "[[silo:timeout]]":
      throw new ProviderTimeoutError({ ...context, reason: "timeout" });
    case "[[silo:error]]":
      throw new ProviderUnavailableError({ ...context, detail: injected });
    case "[[silo:reject]]":
      throw new ProviderRejectedError({ ...context, detail: injected });
    case "[[silo:bad-response]]":
      throw new ProviderBadResponseError({ ...context, problem: injected });
  }
  const sleepMs = sleepDirective.exec(text)?.[1];
  if (sleepMs === undefined) return;
  try {
    await sleep(Number(sleepMs), undefined, { signal });
  } catch (error) {
    throw new ProviderTimeoutError({ ...context, reason: "aborted", cause: error });
  }
}

function reply(full: string, request: ModelRequest): Pick<ModelResponse, "content" | "finishReason"> {
  let content = full;
  for (const stop of request.stop ?? []) {
    const index = stop === "" ? -1 : content.indexOf(stop);
    if (index >= 0) content = content.slice(0, index);
  }
  const truncated = truncateToBytes(content, Math.max(0, request.maxTokens) * 4);
  return { content: truncated, finishReason: truncated.length < content.length ? "length" : "stop" };
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that does not split a character. */
function truncateToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    bytes += Buffer.byteLength(character, "utf8");
    if (bytes > maxBytes) break;
    end += character.length;
  }
  return text.slice(0, end);
}
