import { createLRU } from "lru.min";

/** A memo value: it says itself until when it may be reused. */
export interface Expiring {
  /** Epoch milliseconds from which the value is never returned. */
  readonly expiresAtMs: number;
}

/**
 * A bounded memo of what a token was found to be (the authorizer's verified tokens, the local gateway's
 * cached decisions), keyed by a hash of the token (never the token itself, so a heap dump does not leak
 * credentials). Each value carries its own expiry, checked against the caller's clock; an expired value is
 * never returned. With `maxEntries` 0 it remembers nothing.
 *
 * Least-recently-used eviction is `lru.min`'s: O(1) per insert and per hit whatever the size, over a `Map`
 * of slot numbers and flat arrays. (An earlier hand-written CLOCK over a `Map` re-walked the deleted slots a
 * `Map` keeps until it rehashes on every eviction: 8 us per new token at 10,000 entries and 58 us at
 * 100,000, more than the signature check. `lru-cache` does the same job; `lru.min` makes the authorizer bundle
 * 16 KB smaller, with no TTL or fetch machinery the memo does not use.) Values are stored as they
 * are, with no wrapper: every entry survives young-generation garbage collections and is copied by them, so
 * each object an entry holds costs on every new token.
 *
 * @example
 * const memo = new TokenMemo<VerifiedToken>(10_000);
 * memo.set(hash, verified);
 * memo.get(hash, Date.now());
 */
export class TokenMemo<T extends Expiring> {
  readonly #entries: ReturnType<typeof createLRU<string, T>> | undefined;

  constructor(maxEntries: number) {
    this.#entries = maxEntries === 0 ? undefined : createLRU<string, T>({ max: maxEntries });
  }

  /** The value for `key` if present and not expired at `nowMs`. */
  get(key: string, nowMs: number): T | undefined {
    const value = this.#entries?.get(key);
    if (value === undefined) return undefined;
    if (nowMs >= value.expiresAtMs) {
      this.#entries?.delete(key);
      return undefined;
    }
    return value;
  }

  /** Remembers `value` until its `expiresAtMs`, evicting the least recently used entry when full. */
  set(key: string, value: T): void {
    this.#entries?.set(key, value);
  }

  get size(): number {
    return this.#entries?.size ?? 0;
  }
}
