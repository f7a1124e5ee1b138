import { createHash } from "node:crypto";

/** The vector length of the echo provider's embeddings when the request names none (OpenAI's small model). */
export const echoEmbeddingDimensions = 1536;

/** The longest vector the echo provider makes (OpenAI's large model). */
export const echoMaxEmbeddingDimensions = 3072;

/**
 * A deterministic unit vector for `text`: SHA-256 of `<counter>:<text>` in counter mode gives 8 unsigned
 * 32-bit numbers per block, each mapped to [-1, 1], then the vector is scaled to length 1 (as OpenAI's
 * embeddings are, so cosine similarity is a dot product). The same text always gives the same vector and
 * different texts practically never give the same one; similarity carries no meaning.
 *
 * @example
 * echoEmbedding("hello", 3); // three numbers, the same on every run, with a sum of squares of 1
 */
export function echoEmbedding(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let counter = 0; values.length < dimensions; counter += 1) {
    const block = createHash("sha256").update(`${counter}:${text}`).digest();
    for (let offset = 0; offset < block.length && values.length < dimensions; offset += 4) {
      values.push((block.readUInt32BE(offset) / 0xffffffff) * 2 - 1);
    }
  }
  const norm = Math.hypot(...values);
  // A vector of zeros cannot be normalised; with SHA-256 it does not occur, but never divide by zero.
  return norm === 0 ? values : values.map((value) => value / norm);
}
