import type { IncomingMessage } from "node:http";
import { createParser, type ParseError } from "eventsource-parser";

/** Options of {@link sseData}. */
export interface SseDataOptions {
  /** Longest event (or unterminated line) kept in memory, in characters; a longer one throws. */
  readonly maxEventChars: number;
  /** Called on every chunk of the body, e.g. to push back an idle limit. */
  readonly onChunk: () => void;
}

/**
 * The `data` field of each Server-Sent Event in a response body, as the body arrives, parsed by
 * `eventsource-parser`. Comments (`: keep-alive`) and unknown fields are skipped. An event over
 * `maxEventChars` throws its `ParseError` (type `max-buffer-size-exceeded`). Ending the iteration early
 * leaves the body unread but not destroyed, so the caller decides whether the connection can be kept.
 *
 * @example
 * for await (const data of sseData(response, { maxEventChars: 1 << 20, onChunk: () => {} })) {
 *   if (data === "[DONE]") break;
 * }
 */
export async function* sseData(response: IncomingMessage, options: SseDataOptions): AsyncGenerator<string> {
  const pending: string[] = [];
  let tooLarge: ParseError | undefined;
  const parser = createParser({
    onEvent: (event) => pending.push(event.data),
    onError: (error) => {
      if (error.type === "max-buffer-size-exceeded") tooLarge = error;
    },
    maxBufferSize: options.maxEventChars,
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.iterator({ destroyOnReturn: false })) {
    options.onChunk();
    parser.feed(decoder.decode(chunk as Buffer, { stream: true }));
    if (tooLarge !== undefined) throw tooLarge;
    while (pending.length > 0) yield pending.shift() as string;
  }
  // A last event without its blank line still counts: some servers end the body right after `data: [DONE]`.
  parser.feed(`${decoder.decode()}\n\n`);
  while (pending.length > 0) yield pending.shift() as string;
}
