/** What one {@link TokenBucket.take} decided, with what a client needs to pace itself. */
export interface TokenBucketDecision {
  /** The request may pass (it took a token). */
  readonly allowed: boolean;
  /** The bucket's size: requests that may pass at once after a quiet spell (the tenant's `burst`). */
  readonly limit: number;
  /** Whole requests that may still pass right now, after this one. */
  readonly remaining: number;
  /** Milliseconds until the next token (0 while one is there): when a refused request may be retried. */
  readonly retryAfterMs: number;
  /** Milliseconds until the bucket is full again, at `limit` (0 when full). */
  readonly resetMs: number;
}

/**
 * A token bucket: `ratePerSecond` steady, up to `burst` at once, like API Gateway's stage throttling.
 * `take` decides whether a request may pass and says how the bucket stands, for the rate-limit headers.
 * Pure over the clock it is given.
 *
 * @example
 * const bucket = new TokenBucket(10, 20);
 * const decision = bucket.take(Date.now());
 * if (!decision.allowed) answer429(decision.retryAfterMs);
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

  take(nowMs: number): TokenBucketDecision {
    if (this.#updatedAtMs !== undefined) {
      const elapsedSeconds = Math.max(0, nowMs - this.#updatedAtMs) / 1000;
      this.#tokens = Math.min(this.#burst, this.#tokens + elapsedSeconds * this.#ratePerSecond);
    }
    this.#updatedAtMs = nowMs;
    const allowed = this.#tokens >= 1;
    if (allowed) this.#tokens -= 1;
    const msFor = (tokens: number) => Math.ceil((Math.max(0, tokens) * 1000) / this.#ratePerSecond);
    return {
      allowed,
      limit: this.#burst,
      remaining: Math.floor(this.#tokens),
      retryAfterMs: msFor(1 - this.#tokens),
      resetMs: msFor(this.#burst - this.#tokens),
    };
  }
}
