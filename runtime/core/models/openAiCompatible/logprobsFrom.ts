import * as z from "zod";
import type { ModelTokenLogprob, ModelTokenProbability } from "../modelTypes.ts";

const wireTokenProbability = {
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.int().min(0).max(255)).nullish(),
};

/** The fields of OpenAI's `choices[].logprobs` this provider reads (content tokens only). */
export const wireLogprobs = z
  .object({
    content: z
      .array(
        z.object({
          ...wireTokenProbability,
          top_logprobs: z.array(z.object(wireTokenProbability)).nullish(),
        }),
      )
      .nullish(),
  })
  .nullish();

export type WireLogprobs = z.infer<typeof wireLogprobs>;

/** The most likely tokens a position lists (OpenAI's limit for `top_logprobs`). */
const maxTopLogprobs = 20;

/**
 * The content tokens' log probabilities of an OpenAI choice or chunk, or undefined when it has none. A
 * log probability above 0 (a rounding error of some servers) is 0; missing `bytes` are null; at most 20
 * top tokens per position are kept.
 *
 * @example
 * logprobsFrom({ content: [{ token: "Hi", logprob: -0.01, bytes: [72, 105], top_logprobs: [] }] });
 * // [{ token: "Hi", logprob: -0.01, bytes: [72, 105], topLogprobs: [] }]
 */
export function logprobsFrom(wire: WireLogprobs): ModelTokenLogprob[] | undefined {
  if (wire?.content === undefined || wire.content === null) return undefined;
  return wire.content.map((entry) => ({
    ...probability(entry),
    topLogprobs: (entry.top_logprobs ?? []).slice(0, maxTopLogprobs).map(probability),
  }));
}

function probability(entry: {
  token: string;
  logprob: number;
  bytes?: number[] | null | undefined;
}): ModelTokenProbability {
  return { token: entry.token, logprob: Math.min(0, entry.logprob), bytes: entry.bytes ?? null };
}
