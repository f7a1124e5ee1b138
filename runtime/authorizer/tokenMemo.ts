/**
 * A bounded least-recently-used memo of verified tokens, keyed by a hash of the token (never the token
 * itself, so a heap dump does not leak credentials). Each entry carries its own expiry; an expired entry
 * is never returned. With `maxEntries` 0 it remembers nothing.
 *
 * @example
 * const memo = new TokenMemo<VerifiedToken>(10_000);
 * memo.set(hash, verified, verified.expiresAtMs);
 * memo.get(hash, Date.now());
 */
export class TokenMemo<T> {
  readonly #entries = new Map<string, { value: T; expiresAtMs: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** The value for `key` if present and not expired at `nowMs`. */
  get(key: string, nowMs: number): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (nowMs >= entry.expiresAtMs) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Remembers `value` until `expiresAtMs`, evicting the least recently used entry when full. */
  set(key: string, value: T, expiresAtMs: number): void {
    if (this.#maxEntries === 0) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAtMs });
  }

  get size(): number {
    return this.#entries.size;
  }
}
