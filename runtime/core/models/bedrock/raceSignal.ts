/** Thrown by {@link raceSignal} when the wait is longer than its limit. */
export class IdleTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "IdleTimeoutError";
  }
}

/**
 * Waits for `promise`, but rejects as soon as `signal` aborts (with its reason) or after `timeoutMs` (with
 * {@link IdleTimeoutError}). A stream's `next()` may never settle once its connection hangs, so a stream
 * reader must stop waiting on its own; the abandoned promise's outcome is ignored.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    const timer = setTimeout(() => reject(new IdleTimeoutError(timeoutMs)), timeoutMs);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    });
  });
}
