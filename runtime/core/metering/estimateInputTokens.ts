import { messageImageCount, messageText } from "../models/messageText.ts";
import type { ModelMessage, ModelTool } from "../models/modelTypes.ts";

/**
 * Tokens reserved per image: the most any provider of the kit bills for one (Claude's ceiling is about
 * 1,600 for an image it has scaled to its 1.15-megapixel limit; OpenAI's high detail is at most 1,105).
 */
export const imageTokenEstimate = 1_600;

/**
 * A deliberately high estimate of a prompt's tokens for the budget reservation: one token per 3 UTF-8
 * bytes (real tokenizers average about 4) plus a per-message overhead, {@link imageTokenEstimate} per
 * image, and the tools' definitions (sent with the prompt and billed as input). Over-reserving only holds
 * budget until settle; under-reserving could let concurrent calls overshoot it.
 *
 * @example
 * estimateInputTokens([{ role: "user", content: "hello" }]); // 10
 */
export function estimateInputTokens(
  messages: readonly ModelMessage[],
  tools: readonly ModelTool[] = [],
  extraText = "",
): number {
  let total = 0;
  for (const message of messages) {
    total += bytesToTokens(messageText(message)) + 8 + messageImageCount(message) * imageTokenEstimate;
  }
  for (const tool of tools) total += bytesToTokens(JSON.stringify(tool)) + 8;
  return total + bytesToTokens(extraText);
}

function bytesToTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, "utf8") / 3);
}
