import * as z from "zod";
import { ProviderBadResponseError, type ProviderErrorContext } from "../modelErrors.ts";
import type { ModelLogprobsRequest, ModelRequest, ModelStreamEvent, ModelUsage } from "../modelTypes.ts";
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
 * `delta.content` (and `delta.refusal`) into `text` (with the chunk's content `logprobs`, when asked for and
 * sent; with `n` > 1, choices after the first carry their `choice` index, the choices the server sent
 * numbered in order of arrival, and their finish reasons come in `otherFinishReasons`), each
 * `delta.tool_calls[]` piece into `tool_call` (numbered from 0 in each choice in order of arrival, its `id`
 * and `name` on the first event of its index only), and, once the body has ended, one `finish` with the
 * last `finish_reason` and the last `usage` seen (the `include_usage` chunk, `choices: []`). Pure: the
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
  /** The choices asked for (`n`). */
  readonly #choices: number;
  /** The log probabilities asked for: none are handed on without. */
  readonly #logprobs: ModelLogprobsRequest | undefined;
  /**
   * Each choice's tool calls whose first delta has come: their wire index to their place in the choice, in
   * order of arrival, so a server numbering them from 1, with gaps or across choices gives a client no hole
   * in `tool_calls` (the openai SDK's stream helper fails on one).
   */
  readonly #toolCallPlaces = new Map<number, Map<number, number>>();
  readonly #refused = new Set<number>();
  readonly #wireFinishReasons = new Map<number, string>();
  /**
   * Each choice index below `n` the server sent, to its place in the answer: in order of arrival, so a
   * server that skips indexes (or ignores `n` and sends only 0) gives no empty choice, as unstreamed.
   */
  readonly #places = new Map<number, number>();
  #usage: ModelUsage | undefined;
  #done = false;

  /** `asked`: the request's `n` (1 when absent) and `logprobs`. */
  constructor(
    context: ProviderErrorContext & { readonly apiKey: string },
    asked: Pick<ModelRequest, "n" | "logprobs"> = {},
  ) {
    this.#context = context;
    this.#choices = asked.n ?? 1;
    this.#logprobs = asked.logprobs;
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
    for (const choice of parsed.data.choices ?? []) {
      const wireIndex = choice.index ?? 0;
      // A choice beyond those asked for is not part of the answer.
      if (wireIndex >= this.#choices) continue;
      const index = this.#places.get(wireIndex) ?? this.#places.size;
      this.#places.set(wireIndex, index);
      const which = index === 0 ? {} : { choice: index };
      const delta = choice.delta;
      const logprobs = logprobsFrom(choice.logprobs, this.#logprobs);
      if (logprobs !== undefined && (delta?.content || logprobs.length > 0))
        events.push({ type: "text", text: delta?.content ?? "", logprobs, ...which });
      else if (delta?.content) events.push({ type: "text", text: delta.content, ...which });
      if (delta?.refusal) {
        this.#refused.add(index);
        events.push({ type: "text", text: delta.refusal, ...which });
      }
      for (const piece of delta?.tool_calls ?? [])
        events.push({ ...this.#toolCallEvent(index, piece), ...which });
      if (choice.finish_reason) this.#wireFinishReasons.set(index, choice.finish_reason);
    }
    return events;
  }

  /**
   * The `finish` event, once the body has ended. A body that ended without a `finish_reason` and without
   * `[DONE]` was cut off: `MODEL_BAD_RESPONSE`, as its answer may be incomplete.
   */
  end(): ModelStreamEvent {
    if (this.#wireFinishReasons.size === 0 && !this.#done) {
      throw new ProviderBadResponseError({
        provider: this.#context.provider,
        modelKey: this.#context.modelKey,
        problem: "the stream ended without a finish_reason or [DONE]",
      });
    }
    const finishReasonOf = (index: number) =>
      finishReasonFrom(this.#wireFinishReasons.get(index), {
        calledTools: (this.#toolCallPlaces.get(index)?.size ?? 0) > 0,
        refused: this.#refused.has(index),
      });
    // Only the choices the server answered: one that ignored `n` answered one, passed on as it is.
    const others = Array.from({ length: Math.max(0, this.#places.size - 1) }, (_, position) =>
      finishReasonOf(position + 1),
    );
    return {
      type: "finish",
      finishReason: finishReasonOf(0),
      ...(others.length > 0 ? { otherFinishReasons: others } : {}),
      usage: this.#usage,
    };
  }

  #toolCallEvent(
    choice: number,
    piece: {
      index: number;
      id?: string | null | undefined;
      function?:
        | { name?: string | null | undefined; arguments?: string | null | undefined }
        | null
        | undefined;
    },
  ): ModelStreamEvent {
    const argumentsDelta = piece.function?.arguments ?? "";
    const places = this.#toolCallPlaces.get(choice) ?? new Map<number, number>();
    this.#toolCallPlaces.set(choice, places);
    const started = places.get(piece.index);
    if (started !== undefined) return { type: "tool_call", index: started, argumentsDelta };
    const name = piece.function?.name;
    if (!piece.id || !name) {
      throw new ProviderBadResponseError({
        provider: this.#context.provider,
        modelKey: this.#context.modelKey,
        problem: `the first delta of tool call ${piece.index} has no ${piece.id ? "function.name" : "id"}`,
      });
    }
    const index = places.size;
    places.set(piece.index, index);
    return { type: "tool_call", index, id: piece.id, name, argumentsDelta };
  }
}
