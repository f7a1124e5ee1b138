/**
 * The chunks of one streamed answer between the IPC channel, which delivers them as the tenant produces
 * them, and the gateway, which writes them as the client reads them. A single consumer iterates it. It
 * holds at most `maxBufferedChars` unread: past that `push` answers false and the owner gives up on the
 * stream rather than buffer without bound for a client that does not read. Breaking out of the iteration
 * calls `onCancel` once (the owner stops the work behind the stream).
 *
 * @example
 * const queue = new ChunkQueue(1_000_000, () => abortInvocation());
 * queue.push("data: {...}\n\n"); queue.end();
 * for await (const chunk of queue) response.write(chunk);
 */
export class ChunkQueue implements AsyncIterable<string> {
  readonly #maxBufferedChars: number;
  readonly #onCancel: () => void;
  #chunks: string[] = [];
  #bufferedChars = 0;
  #state: "open" | "ended" | "cancelled" = "open";
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(maxBufferedChars: number, onCancel: () => void) {
    this.#maxBufferedChars = maxBufferedChars;
    this.#onCancel = onCancel;
  }

  /** Adds a chunk; false when the unread chunks now exceed the bound (the chunk is kept). */
  push(chunk: string): boolean {
    if (this.#state !== "open") return true;
    this.#chunks.push(chunk);
    this.#bufferedChars += chunk.length;
    this.#wakeReader();
    return this.#bufferedChars <= this.#maxBufferedChars;
  }

  /** The stream is complete: the reader gets the chunks already queued, then the end. */
  end(): void {
    if (this.#state !== "open") return;
    this.#state = "ended";
    this.#wakeReader();
  }

  /** The stream failed: the reader gets the chunks already queued, then `error`. */
  fail(error: Error): void {
    if (this.#state !== "open") return;
    this.#state = "ended";
    this.#error = error;
    this.#wakeReader();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: async () => {
        for (;;) {
          const chunk = this.#chunks.shift();
          if (chunk !== undefined) {
            this.#bufferedChars -= chunk.length;
            return { done: false, value: chunk };
          }
          if (this.#error) throw this.#error;
          if (this.#state !== "open") return { done: true, value: undefined };
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
      },
      return: async () => {
        if (this.#state === "open") {
          this.#state = "cancelled";
          this.#onCancel();
        }
        this.#chunks = [];
        this.#bufferedChars = 0;
        return { done: true, value: undefined };
      },
    };
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
