import * as z from "zod";
import type { ModelLogprobsRequest, ModelTokenLogprob, ModelTokenProbability } from "../modelTypes.ts";

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

/**
 * The content tokens' log probabilities of an OpenAI choice or chunk, or undefined when it has none or the
 * request did not ask for them (`asked`): a server that sends them unasked does not change the answer's
 * shape. A log probability above 0 (a rounding error of some servers) is 0; missing `bytes` are null; at
 * most the `top` tokens asked for are kept per position.
 *
 * @example
 * const wire = { content: [{ token: "Hi", logprob: -0.01, bytes: [72, 105], top_logprobs: [] }] };
 * logprobsFrom(wire, { top: 0 });
 * // [{ token: "Hi", logprob: -0.01, bytes: [72, 105], topLogprobs: [] }]
 */
export function logprobsFrom(
  wire: WireLogprobs,
  asked: ModelLogprobsRequest | undefined,
): ModelTokenLogprob[] | undefined {
  if (asked === undefined || wire?.content === undefined || wire.content === null) return undefined;
  return wire.content.map((entry) => ({
    ...probability(entry),
    topLogprobs: (entry.top_logprobs ?? []).slice(0, asked.top).map(probability),
  }));
}

function probability(entry: {
  token: string;
  logprob: number;
  bytes?: number[] | null | undefined;
}): ModelTokenProbability {
  return { token: entry.token, logprob: Math.min(0, entry.logprob), bytes: entry.bytes ?? null };
}
