import type { ModelFinishReason } from "../modelTypes.ts";

/** What else the answer held, beside its `finish_reason`. */
export interface FinishFacts {
  /** The answer holds at least one tool call. */
  readonly calledTools: boolean;
  /** The model refused (OpenAI's `message.refusal` / `delta.refusal`). */
  readonly refused: boolean;
}

/**
 * The finish reason of an OpenAI-compatible answer. `function_call` (the pre-tools name) is `tool_calls`.
 * A refusal is `content_filter`: the model declined rather than answered, and OpenAI's SDKs raise a clear
 * error for it instead of failing to parse a structured answer. Servers that answer tool calls with `stop`
 * (older Ollama, some vLLM parsers) get `tool_calls`, so the client runs them; `null` and unknown reasons
 * (`eos_token`, ...) are `stop`.
 *
 * @example
 * finishReasonFrom("stop", { calledTools: true, refused: false }); // "tool_calls"
 */
export function finishReasonFrom(wire: string | null | undefined, facts: FinishFacts): ModelFinishReason {
  if (facts.refused || wire === "content_filter") return "content_filter";
  if (wire === "length") return "length";
  if (wire === "tool_calls" || wire === "function_call" || facts.calledTools) return "tool_calls";
  return "stop";
}
