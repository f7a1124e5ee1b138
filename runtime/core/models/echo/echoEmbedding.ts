import { createHash } from "node:crypto";

/** The vector length of the echo provider's embeddings when the request names none (OpenAI's small model). */
export const echoEmbeddingDimensions = 1536;

/** The longest vector the echo provider makes (OpenAI's large model). */
export const echoMaxEmbeddingDimensions = 3072;

/**
 * A deterministic unit vector for `text`: SHA-256 of the text seeds xoshiro128** (a small, fast generator
 * of 32-bit numbers), each number is mapped to [-1, 1], then the vector is scaled to length 1 (as OpenAI's
 * embeddings are, so cosine similarity is a dot product). The same text always gives the same vector and
 * different texts practically never give the same one; similarity carries no meaning. One hash per text,
 * not one per 8 numbers: 2,048 texts of 1,536 numbers take milliseconds, not half a second.
 *
 * @example
 * echoEmbedding("hello", 3); // three numbers, the same on every run, with a sum of squares of 1
 */
export function echoEmbedding(text: string, dimensions: number): number[] {
  const seed = createHash("sha256").update(text).digest();
  let [a, b, c, d] = [0, 4, 8, 12].map((offset) => seed.readUInt32LE(offset)) as [
    number,
    number,
    number,
    number,
  ];
  const values = new Array<number>(dimensions);
  let squares = 0;
  for (let index = 0; index < dimensions; index += 1) {
    // xoshiro128** (Blackman and Vigna), one 32-bit output per step.
    const output = Math.imul(rotateLeft(Math.imul(b, 5), 7), 9) >>> 0;
    const shifted = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= shifted;
    d = rotateLeft(d, 11);
    const value = (output / 0xffffffff) * 2 - 1;
    values[index] = value;
    squares += value * value;
  }
  const norm = Math.sqrt(squares);
  // A vector of zeros cannot be normalised; it practically never occurs, but never divide by zero.
  return norm === 0 ? values : values.map((value) => value / norm);
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
