/**
 * The test upstream's embedding of a text: `dimensions` numbers in [-1, 1) derived from an FNV-1a hash of
 * the text, each exactly representable as a 32-bit float, so the float and base64 encodings give the same
 * vector and tests can compare vectors with `toEqual`.
 *
 * @example
 * upstreamEmbedding("hello", 4); // four numbers, the same on every run
 */
export function upstreamEmbedding(text: string, dimensions: number): number[] {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return Array.from({ length: dimensions }, (_, position) => {
    hash = Math.imul(hash ^ (position + 1), 0x01000193) >>> 0;
    return Math.fround((hash % 2000) / 1000 - 1);
  });
}

/** The test upstream's token count of a text: one per started 4 characters, at least 1. */
export function upstreamTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
