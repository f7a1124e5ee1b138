import { Buffer } from "node:buffer";

/**
 * The echo provider's token count: one token per started 4 bytes of UTF-8, so 0 for the empty string and at
 * least 1 for any other. A fixed, documented rule rather than a real tokenizer, so tests can predict usage.
 *
 * @example
 * countTokens("hello"); // 2 (5 bytes)
 * countTokens("héllo"); // 2 (6 bytes)
 */
export function countTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, "utf8") / 4);
}
