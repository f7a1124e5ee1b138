/**
 * A token bucket: `ratePerSecond` steady, up to `burst` at once, like API Gateway's stage throttling.
 * `take` is true when a request may pass. Pure over the clock it is given.
 *
 * @example
 * const bucket = new TokenBucket(10, 20);
 * if (!bucket.take(Date.now())) answer429();
 */
export class TokenBucket {
  readonly #ratePerSecond: number;
  readonly #burst: number;
  #tokens: number;
  #updatedAtMs: number | undefined;

  constructor(ratePerSecond: number, burst: number) {
    this.#ratePerSecond = ratePerSecond;
    this.#burst = burst;
    this.#tokens = burst;
  }

  take(nowMs: number): boolean {
    if (this.#updatedAtMs !== undefined) {
      const elapsedSeconds = Math.max(0, nowMs - this.#updatedAtMs) / 1000;
      this.#tokens = Math.min(this.#burst, this.#tokens + elapsedSeconds * this.#ratePerSecond);
    }
    this.#updatedAtMs = nowMs;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
