import { createParser } from "eventsource-parser";
import { type ChatCompletionChunk, chatCompletionChunkSchema } from "../../api/schemas/chatCompletions.ts";
import { schemaProblem } from "./schemaProblem.ts";

/** What a streamed chat completion's body held, taken apart. */
export interface ChatStream {
  /** The `chat.completion.chunk` events, in order (the usage chunk included). */
  readonly chunks: readonly ChatCompletionChunk[];
  /** The content deltas joined: the answer's text. */
  readonly text: string;
  /** The last non-null `finish_reason`, or undefined when no chunk carried one. */
  readonly finishReason: string | undefined;
  /** The usage of the last chunk with empty `choices` (`stream_options.include_usage`), if any. */
  readonly usage: ChatCompletionChunk["usage"];
  /** Why the stream is not well-formed, in order; empty when it is. */
  readonly problems: readonly string[];
}

/**
 * Reads an OpenAI-style server-sent event stream of chat completion chunks: every `data:` event but the last
 * must be a well-formed ChatCompletionChunk (the API's own schema) of one completion id, the last must be
 * `[DONE]`, and an `{"error": ...}` event (an error after the first byte) is a problem naming its message.
 * With `includeUsage`, the chunk before `[DONE]` must have empty `choices` and a usage that adds up.
 *
 * @example
 * readChatStream('data: {"id":"chatcmpl-1",...}\n\ndata: [DONE]\n\n', { includeUsage: false }).problems; // []
 */
export function readChatStream(body: string, options: { readonly includeUsage: boolean }): ChatStream {
  const data: string[] = [];
  const parser = createParser({ onEvent: (event) => data.push(event.data) });
  parser.feed(body);
  parser.feed("\n\n"); // ends an event the body left open, so a cut stream is reported, not dropped

  const problems: string[] = [];
  const chunks: ChatCompletionChunk[] = [];
  const doneAt = data.indexOf("[DONE]");
  if (data.length === 0) problems.push("no data events");
  else if (doneAt < 0) problems.push("does not end with data: [DONE]");
  else if (doneAt !== data.length - 1) problems.push(`${data.length - 1 - doneAt} event(s) after [DONE]`);
  for (const [position, text] of data.entries()) {
    if (text === "[DONE]") continue;
    const chunk = parseJson(text);
    const error = (chunk as { error?: { message?: unknown } } | undefined)?.error;
    if (error !== undefined) {
      problems.push(`error event at chunk ${position}: ${String(error.message ?? JSON.stringify(error))}`);
      continue;
    }
    const problem = schemaProblem(chatCompletionChunkSchema, chunk);
    if (problem) {
      problems.push(`chunk ${position} is not a ChatCompletionChunk: ${problem}`);
      continue;
    }
    chunks.push(chatCompletionChunkSchema.parse(chunk));
  }

  const ids = new Set(chunks.map((chunk) => chunk.id));
  if (ids.size > 1) problems.push(`chunks of ${ids.size} completion ids: ${[...ids].join(", ")}`);
  const choices = chunks.flatMap((chunk) => chunk.choices);
  const finishReason =
    choices.findLast((choice) => choice.finish_reason !== null)?.finish_reason ?? undefined;
  if (chunks.length > 0 && finishReason === undefined) problems.push("no chunk carries a finish_reason");
  const last = chunks.at(-1);
  const usage = last !== undefined && last.choices.length === 0 ? last.usage : undefined;
  if (options.includeUsage) {
    if (usage === undefined || usage === null) {
      problems.push("include_usage asked for a last chunk with the usage; there is none");
    } else if (
      usage.total_tokens !== usage.prompt_tokens + usage.completion_tokens ||
      usage.total_tokens === 0
    ) {
      problems.push(
        `the usage does not add up: ${usage.prompt_tokens} + ${usage.completion_tokens} != ${usage.total_tokens}`,
      );
    }
  }
  const text = choices.map((choice) => choice.delta.content ?? "").join("");
  return { chunks, text, finishReason, usage, problems };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
