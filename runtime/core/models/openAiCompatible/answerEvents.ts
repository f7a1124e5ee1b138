import type { ModelChoice, ModelStreamEvent } from "../modelTypes.ts";
import type { ChatAnswer } from "./chatResponseFrom.ts";

/**
 * A one-piece answer as the events a stream of it would have given: each choice's text and tool calls
 * whole (choices after the first with their `choice` index), then the finish. For a server that ignores
 * `stream: true` and answers one JSON completion.
 *
 * @example
 * [...answerEvents({ content: "Hi", toolCalls: [], finishReason: "stop", usage })];
 * // [{ type: "text", text: "Hi" }, { type: "finish", finishReason: "stop", usage }]
 */
export function* answerEvents(answer: ChatAnswer): Generator<ModelStreamEvent> {
  const others = answer.otherChoices ?? [];
  yield* choiceEvents(answer, undefined);
  for (const [position, choice] of others.entries()) yield* choiceEvents(choice, position + 1);
  yield {
    type: "finish",
    finishReason: answer.finishReason,
    ...(others.length > 0 ? { otherFinishReasons: others.map((choice) => choice.finishReason) } : {}),
    usage: answer.usage,
  };
}

function* choiceEvents(choice: ModelChoice, index: number | undefined): Generator<ModelStreamEvent> {
  const which = index === undefined ? {} : { choice: index };
  if (choice.logprobs !== undefined)
    yield { type: "text", text: choice.content, logprobs: choice.logprobs, ...which };
  else if (choice.content !== "") yield { type: "text", text: choice.content, ...which };
  for (const [position, call] of choice.toolCalls.entries()) {
    yield {
      type: "tool_call",
      index: position,
      id: call.id,
      name: call.name,
      argumentsDelta: call.arguments,
      ...which,
    };
  }
}
