import type { ModelMessage } from "../models/modelTypes.ts";

/**
 * A deliberately high estimate of a prompt's tokens for the budget reservation: one token per 3 UTF-8
 * bytes (real tokenizers average about 4) plus a per-message overhead. Over-reserving only holds budget
 * until settle; under-reserving could let concurrent calls overshoot it.
 *
 * @example
 * estimateInputTokens([{ role: "user", content: "hello" }]); // 10
 */
export function estimateInputTokens(messages: readonly ModelMessage[]): number {
  let total = 0;
  for (const message of messages) total += Math.ceil(Buffer.byteLength(message.content, "utf8") / 3) + 8;
  return total;
}
