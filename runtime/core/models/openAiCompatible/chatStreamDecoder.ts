import * as z from "zod";
import { ProviderBadResponseError, type ProviderErrorContext } from "../modelErrors.ts";
import type { ModelStreamEvent, ModelUsage } from "../modelTypes.ts";
import { finishReasonFrom } from "./finishReasonFrom.ts";
import { logprobsFrom, wireLogprobs } from "./logprobsFrom.ts";
import { streamErrorFrom } from "./upstreamErrorFrom.ts";
import { usageFrom, wireUsage } from "./usageFrom.ts";

/** The fields of an OpenAI `chat.completion.chunk` this decoder reads; others are ignored. */
const chatCompletionChunk = z.object({
  choices: z
    .array(
      z.object({
        index: z.int().nullish(),
        delta: z
          .object({
            content: z.string().nullish(),
            refusal: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.int().min(0),
                  id: z.string().nullish(),
                  function: z
                    .object({ name: z.string().nullish(), arguments: z.string().nullish() })
                    .nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
        logprobs: wireLogprobs,
      }),
    )
    .nullish(),
  usage: wireUsage.nullish(),
});

/**
 * Turns the `data` fields of an OpenAI chat completion stream, one at a time, into {@link ModelStreamEvent}s:
 * `delta.content` (and `delta.refusal`) into `text` (with the chunk's content `logprobs`, when sent), each `delta.tool_calls[]` piece into `tool_call` (its
 * `id` and `name` on the first event of its index only), and, once the body has ended, one `finish` with
 * the last `finish_reason` and the last `usage` seen (the `include_usage` chunk, `choices: []`). Pure: the
 * provider feeds it and yields what it returns.
 *
 * @example
 * const decoder = new ChatStreamDecoder({ provider: "openai-compatible", modelKey: "byok", apiKey });
 * decoder.push('{"choices":[{"index":0,"delta":{"content":"Hi"}}]}'); // [{ type: "text", text: "Hi" }]
 * decoder.push("[DONE]"); // []
 * decoder.end(); // { type: "finish", finishReason: "stop", usage: undefined }
 */
export class ChatStreamDecoder {
  readonly #context: ProviderErrorContext & { readonly apiKey: string };
  readonly #startedToolCalls = new Set<number>();
  #wireFinishReason: string | undefined;
  #usage: ModelUsage | undefined;
  #refused = false;
  #done = false;

  constructor(context: ProviderErrorContext & { readonly apiKey: string }) {
    this.#context = context;
  }

  /** Whether `[DONE]` arrived; anything after it is ignored. */
  get done(): boolean {
    return this.#done;
  }

  /**
   * The events of one SSE `data` field. Throws the typed error of an `{"error": ...}` event, and
   * `MODEL_BAD_RESPONSE` for data that is not a chunk.
   */
  push(data: string): ModelStreamEvent[] {
    if (this.#done) return [];
    if (data.trim() === "[DONE]") {
      this.#done = true;
      return [];
    }
    const context = { provider: this.#context.provider, modelKey: this.#context.modelKey };
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (error) {
      throw new ProviderBadResponseError({
        ...context,
        problem: `a stream event is not JSON: ${JSON.stringify(data.slice(0, 100))}`,
        cause: error,
      });
    }
    if (typeof json === "object" && json !== null && "error" in json && json.error) {
      throw streamErrorFrom(json.error, this.#context);
    }
    const parsed = chatCompletionChunk.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderBadResponseError({
        ...context,
        problem: `not a chat completion chunk: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
        cause: parsed.error,
      });
    }
    if (parsed.data.usage) this.#usage = usageFrom(parsed.data.usage, context);
    const events: ModelStreamEvent[] = [];
    // n is never asked for, so choice 0 is the answer.
    const choice = parsed.data.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (choice === undefined) return events;
    const delta = choice.delta;
    const logprobs = logprobsFrom(choice.logprobs);
    if (logprobs !== undefined && (delta?.content || logprobs.length > 0))
      events.push({ type: "text", text: delta?.content ?? "", logprobs });
    else if (delta?.content) events.push({ type: "text", text: delta.content });
    if (delta?.refusal) {
      this.#refused = true;
      events.push({ type: "text", text: delta.refusal });
    }
    for (const piece of delta?.tool_calls ?? []) events.push(this.#toolCallEvent(piece));
    if (choice.finish_reason) this.#wireFinishReason = choice.finish_reason;
    return events;
  }

  /**
   * The `finish` event, once the body has ended. A body that ended without a `finish_reason` and without
   * `[DONE]` was cut off: `MODEL_BAD_RESPONSE`, as its answer may be incomplete.
   */
  end(): ModelStreamEvent {
    if (this.#wireFinishReason === undefined && !this.#done) {
      throw new ProviderBadResponseError({
        provider: this.#context.provider,
        modelKey: this.#context.modelKey,
        problem: "the stream ended without a finish_reason or [DONE]",
      });
    }
    return {
      type: "finish",
      finishReason: finishReasonFrom(this.#wireFinishReason, {
        calledTools: this.#startedToolCalls.size > 0,
        refused: this.#refused,
      }),
      usage: this.#usage,
    };
  }

  #toolCallEvent(piece: {
    index: number;
    id?: string | null | undefined;
    function?: { name?: string | null | undefined; arguments?: string | null | undefined } | null | undefined;
  }): ModelStreamEvent {
    const argumentsDelta = piece.function?.arguments ?? "";
    if (this.#startedToolCalls.has(piece.index))
      return { type: "tool_call", index: piece.index, argumentsDelta };
    const name = piece.function?.name;
    if (!piece.id || !name) {
      throw new ProviderBadResponseError({
        provider: this.#context.provider,
        modelKey: this.#context.modelKey,
        problem: `the first delta of tool call ${piece.index} has no ${piece.id ? "function.name" : "id"}`,
      });
    }
    this.#startedToolCalls.add(piece.index);
    return { type: "tool_call", index: piece.index, id: piece.id, name, argumentsDelta };
  }
}
