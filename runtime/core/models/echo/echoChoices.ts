import type { ModelChoice } from "../modelTypes.ts";
import type { EchoAnswer } from "./echoAnswer.ts";

/** An echo answer with the choices a request for `n` > 1 asked for. */
export type EchoChoices = EchoAnswer & { readonly otherChoices?: readonly ModelChoice[] | undefined };

/**
 * The echo answer for a request asking for `n` choices: echo is deterministic, so every choice is the same
 * answer, and the usage counts the output once per choice (the prompt once), as a provider bills `n`.
 *
 * @example
 * echoChoices(answer, 3); // answer's fields, otherChoices: [answer's choice, answer's choice], outputTokens * 3
 */
export function echoChoices(answer: EchoAnswer, n = 1): EchoChoices {
  if (n <= 1) return answer;
  const { content, toolCalls, finishReason } = answer;
  return {
    ...answer,
    otherChoices: Array.from({ length: n - 1 }, () => ({ content, toolCalls, finishReason })),
    usage: { ...answer.usage, outputTokens: answer.usage.outputTokens * n },
  };
}
