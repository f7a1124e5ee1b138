import type { ModelStreamEvent } from "../modelTypes.ts";
import type { ChatAnswer } from "./chatResponseFrom.ts";

/**
 * A one-piece answer as the events a stream of it would have given: its text, each tool call whole, then
 * the finish. For a server that ignores `stream: true` and answers one JSON completion.
 *
 * @example
 * [...answerEvents({ content: "Hi", toolCalls: [], finishReason: "stop", usage })];
 * // [{ type: "text", text: "Hi" }, { type: "finish", finishReason: "stop", usage }]
 */
export function* answerEvents(answer: ChatAnswer): Generator<ModelStreamEvent> {
  if (answer.logprobs !== undefined) yield { type: "text", text: answer.content, logprobs: answer.logprobs };
  else if (answer.content !== "") yield { type: "text", text: answer.content };
  for (const [index, call] of answer.toolCalls.entries()) {
    yield { type: "tool_call", index, id: call.id, name: call.name, argumentsDelta: call.arguments };
  }
  yield { type: "finish", finishReason: answer.finishReason, usage: answer.usage };
}
