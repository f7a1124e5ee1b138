import type { ModelLogprobsRequest, ModelStreamEvent } from "../modelTypes.ts";
import type { EchoAnswer } from "./echoAnswer.ts";
import { echoTokenLogprob } from "./echoTokenLogprob.ts";

/**
 * An echo answer as stream events: the content in `text` chunks of one word each (a word with the
 * whitespace after it), each tool call as a first `tool_call` event with its `id`, `name` and `""`
 * arguments followed by its arguments in two halves, then one `finish` with the answer's usage. Joined,
 * the chunks are exactly the answer `complete` gives. Content of 2 characters or more always streams in at
 * least 2 chunks (a single word is halved), so a client's chunk handling is always exercised. With
 * `logprobs`, each text chunk is one token and carries its {@link echoTokenLogprob}.
 *
 * @example
 * echoStreamEvents({ content: "echo: hi there", toolCalls: [], finishReason: "stop", usage });
 * // text "echo: ", text "hi ", text "there", finish { finishReason: "stop", usage }
 */
export function echoStreamEvents(answer: EchoAnswer, logprobs?: ModelLogprobsRequest): ModelStreamEvent[] {
  const events: ModelStreamEvent[] = textChunks(answer.content).map((text) =>
    logprobs === undefined
      ? { type: "text", text }
      : { type: "text", text, logprobs: [echoTokenLogprob(text, logprobs.top)] },
  );
  for (const [index, call] of answer.toolCalls.entries()) {
    events.push({ type: "tool_call", index, id: call.id, name: call.name, argumentsDelta: "" });
    for (const argumentsDelta of halves(call.arguments))
      events.push({ type: "tool_call", index, argumentsDelta });
  }
  events.push({ type: "finish", finishReason: answer.finishReason, usage: answer.usage });
  return events;
}

function textChunks(content: string): string[] {
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
