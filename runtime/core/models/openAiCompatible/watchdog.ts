/**
 * A time limit that can be moved: armed with the wait for the answer, then re-armed with the idle limit on
 * every chunk of a stream. Its `signal` aborts when the limit in force passes, and `expiredAfterMs` then
 * says which limit it was. `AbortSignal.timeout` cannot be moved or cleared, so a long stream that keeps
 * sending would otherwise be cut by a limit meant for one answer.
 *
 * @example
 * const watchdog = new Watchdog();
 * watchdog.arm(25_000); // until the headers
 * for await (const chunk of body) watchdog.arm(60_000); // between chunks
 * watchdog.disarm();
 */
export class Watchdog {
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #armedMs: number | undefined;
  #expiredAfterMs: number | undefined;

  /** Aborts once a limit passes; never aborts after {@link disarm}. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The limit that passed, in milliseconds; undefined while none has. */
  get expiredAfterMs(): number | undefined {
    return this.#expiredAfterMs;
  }

  /** Starts (or restarts) the countdown of `limitMs` from now. */
  arm(limitMs: number): void {
    if (this.#controller.signal.aborted) return;
    if (this.#timer !== undefined && this.#armedMs === limitMs) {
      this.#timer.refresh();
      return;
    }
    clearTimeout(this.#timer);
    this.#armedMs = limitMs;
    this.#timer = setTimeout(() => {
      this.#expiredAfterMs = limitMs;
      this.#controller.abort(new Error(`no progress within ${limitMs} ms`));
    }, limitMs);
  }

  disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
