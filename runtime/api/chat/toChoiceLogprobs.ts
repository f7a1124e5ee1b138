import type { ModelTokenLogprob } from "../../core/models/modelTypes.ts";
import type { ChatCompletion } from "../schemas/chatCompletions.ts";

/** OpenAI's `choices[].logprobs` of a choice. */
export type ChoiceLogprobs = ChatCompletion["choices"][number]["logprobs"];

/**
 * Tokens' log probabilities in OpenAI's `choices[].logprobs` shape; `null` when the provider gave none (the
 * request did not ask for them).
 *
 * @example
 * toChoiceLogprobs([{ token: "Hi", logprob: -0.1, bytes: [72, 105], topLogprobs: [] }]);
 * // { content: [{ token: "Hi", logprob: -0.1, bytes: [72, 105], top_logprobs: [] }], refusal: null }
 */
export function toChoiceLogprobs(logprobs: readonly ModelTokenLogprob[] | undefined): ChoiceLogprobs {
  if (logprobs === undefined) return null;
  return {
    content: logprobs.map(({ token, logprob, bytes, topLogprobs }) => ({
      token,
      logprob,
      bytes: bytes === null ? null : [...bytes],
      top_logprobs: topLogprobs.map((top) => ({
        token: top.token,
        logprob: top.logprob,
        bytes: top.bytes === null ? null : [...top.bytes],
      })),
    })),
    refusal: null,
  };
}
