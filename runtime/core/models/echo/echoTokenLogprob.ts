import { Buffer } from "node:buffer";
import type { ModelTokenLogprob } from "../modelTypes.ts";

/**
 * The echo provider's log probability of one token (each streamed text piece is one token): its answer is
 * certain, so the log probability is 0, and the only likely token at the position is the token itself (it
 * is listed when `top` > 0).
 *
 * @example
 * echoTokenLogprob("hi ", 2); // { token: "hi ", logprob: 0, bytes: [104, 105, 32], topLogprobs: [{ token: "hi ", logprob: 0, bytes: [...] }] }
 */
export function echoTokenLogprob(token: string, top: number): ModelTokenLogprob {
  const probability = { token, logprob: 0, bytes: [...Buffer.from(token, "utf8")] };
  return { ...probability, topLogprobs: top > 0 ? [probability] : [] };
}
