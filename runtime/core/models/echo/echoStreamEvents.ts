import type { ModelChoice, ModelLogprobsRequest, ModelStreamEvent } from "../modelTypes.ts";
import type { EchoChoices } from "./echoChoices.ts";
import { echoTokenLogprob } from "./echoTokenLogprob.ts";

/**
 * An echo answer as stream events: the content in `text` chunks of one word each (a word with the
 * whitespace after it), each tool call as a first `tool_call` event with its `id`, `name` and `""`
 * arguments followed by its arguments in two halves, then one `finish` with the answer's usage. Joined,
 * the chunks are exactly the answer `complete` gives. Content of 2 characters or more always streams in at
 * least 2 chunks (a single word is halved), so a client's chunk handling is always exercised. With
 * `logprobs`, each text chunk is one token and carries its {@link echoTokenLogprob}. With `n` > 1 the
 * other choices follow the first, each event with its `choice` index, and the finish carries their
 * finish reasons.
 *
 * @example
 * echoStreamEvents({ content: "echo: hi there", toolCalls: [], finishReason: "stop", usage });
 * // text "echo: ", text "hi ", text "there", finish { finishReason: "stop", usage }
 */
export function echoStreamEvents(answer: EchoChoices, logprobs?: ModelLogprobsRequest): ModelStreamEvent[] {
  const others = answer.otherChoices ?? [];
  const events = [
    ...choiceEvents(answer, undefined, logprobs),
    ...others.flatMap((choice, position) => choiceEvents(choice, position + 1, logprobs)),
  ];
  events.push({
    type: "finish",
    finishReason: answer.finishReason,
    ...(others.length > 0 ? { otherFinishReasons: others.map((choice) => choice.finishReason) } : {}),
    usage: answer.usage,
  });
  return events;
}

/** One choice's text chunks and tool calls; `index` is set for choices after the first. */
function choiceEvents(
  choice: ModelChoice,
  index: number | undefined,
  logprobs: ModelLogprobsRequest | undefined,
): ModelStreamEvent[] {
  const which = index === undefined ? {} : { choice: index };
  const events: ModelStreamEvent[] = echoTextChunks(choice.content).map((text) =>
    logprobs === undefined
      ? { type: "text", text, ...which }
      : { type: "text", text, logprobs: [echoTokenLogprob(text, logprobs.top)], ...which },
  );
  for (const [position, call] of choice.toolCalls.entries()) {
    events.push({
      type: "tool_call",
      index: position,
      id: call.id,
      name: call.name,
      argumentsDelta: "",
      ...which,
    });
    for (const argumentsDelta of halves(call.arguments))
      events.push({ type: "tool_call", index: position, argumentsDelta, ...which });
  }
  return events;
}

/**
 * The text chunks a stream of `content` comes in (each one token for `logprobs`): a word and the
 * whitespace after it each; content of 2 characters or more in at least 2 chunks.
 */
export function echoTextChunks(content: string): string[] {
  if (content === "") return [];
  // Split where whitespace ends and a word begins, so each chunk is a word and its trailing whitespace.
  const words = content.split(/(?<=\s)(?=\S)/u);
  return words.length >= 2 ? words : halves(content);
}

/** `text` in two halves on a code-point boundary; `[text]` when it is shorter than 2 code points. */
function halves(text: string): string[] {
  const characters = [...text];
  if (characters.length < 2) return [text];
  const middle = Math.ceil(characters.length / 2);
  return [characters.slice(0, middle).join(""), characters.slice(middle).join("")];
}
