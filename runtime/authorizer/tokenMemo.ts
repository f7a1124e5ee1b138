interface MemoEntry<T> {
  readonly value: T;
  readonly expiresAtMs: number;
  /** Set on every hit; cleared when eviction passes over the entry (the CLOCK "second chance"). */
  recent: boolean;
}

/**
 * A bounded memo of verified tokens, keyed by a hash of the token (never the token itself, so a heap dump
 * does not leak credentials). Each entry carries its own expiry; an expired entry is never returned. With
 * `maxEntries` 0 it remembers nothing.
 *
 * Eviction approximates least-recently-used with CLOCK (second chance): a hit only flips a flag, because
 * moving the entry to the end of a large `Map` on every hit (delete + set) costs V8 several microseconds,
 * which is the whole budget of a memoized decision. The cost of eviction falls on inserts, which follow
 * a full signature verification anyway.
 *
 * @example
 * const memo = new TokenMemo<VerifiedToken>(10_000);
 * memo.set(hash, verified, verified.expiresAtMs);
 * memo.get(hash, Date.now());
 */
export class TokenMemo<T> {
  readonly #entries = new Map<string, MemoEntry<T>>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** The value for `key` if present and not expired at `nowMs`. */
  get(key: string, nowMs: number): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.#entries.delete(key);
      return undefined;
    }
    entry.recent = true;
    return entry.value;
  }

  /** Remembers `value` until `expiresAtMs`, evicting an entry not used recently when full. */
  set(key: string, value: T, expiresAtMs: number): void {
    if (this.#maxEntries === 0) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#evictOne();
    this.#entries.set(key, { value, expiresAtMs, recent: false });
  }

  get size(): number {
    return this.#entries.size;
  }

  #evictOne(): void {
    // Each pass either evicts or clears one flag, so this ends within 2 * size steps.
    for (const [key, entry] of this.#entries) {
      this.#entries.delete(key);
      if (!entry.recent) return;
      entry.recent = false;
      this.#entries.set(key, entry);
    }
  }
}
