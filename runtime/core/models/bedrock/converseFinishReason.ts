import { type BadResponseContext, ProviderBadResponseError } from "../modelErrors.ts";
import type { ModelFinishReason } from "../modelTypes.ts";

const finishReasons: Readonly<Record<string, ModelFinishReason>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  guardrail_intervened: "content_filter",
  content_filtered: "content_filter",
};

const malformed: Readonly<Record<string, string>> = {
  malformed_model_output: ": the model's output could not be parsed",
  malformed_tool_use: ": the model's tool call could not be parsed",
};

/** What the answer held besides text, which decides what a `tool_use` stop means. */
export interface AnswerShape {
  /** Tool calls returned to the caller (the synthetic JSON tool's call is not one). */
  readonly toolCalls: number;
  /** The synthetic JSON tool was called, so its input is the answer. */
  readonly jsonAnswered: boolean;
}

/**
 * The finish reason of a Converse `stopReason` (the SDK's `StopReason` values, see
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax).
 * A natural stop with tool calls is `tool_calls` (some models report `end_turn` after a toolUse), and
 * `tool_use` after the JSON tool alone is `stop`: the answer is the JSON. `malformed_model_output` and
 * `malformed_tool_use` (the model's output or tool call could not be parsed) have no OpenAI finish reason
 * and are a bad response, which a client may retry; so are `tool_use` without a call and a reason added
 * after this table: an error rather than a guess. The error carries `context.billedUsage`, the answer's
 * usage, which Bedrock bills all the same (metering settles it).
 */
export function converseFinishReason(
  stopReason: string | undefined,
  shape: AnswerShape,
  context: BadResponseContext & { provider: "bedrock" },
): ModelFinishReason {
  const natural = stopReason === "end_turn" || stopReason === "stop_sequence" || stopReason === "tool_use";
  if (natural && shape.toolCalls > 0) return "tool_calls";
  if (stopReason === "tool_use" && shape.jsonAnswered) return "stop";
  const finishReason = finishReasons[stopReason ?? ""];
  if (finishReason === undefined) {
    const what =
      stopReason === "tool_use"
        ? " without a toolUse block"
        : (malformed[stopReason ?? ""] ?? " (not a stop reason this platform knows)");
    throw new ProviderBadResponseError({
      ...context,
      problem: `stopReason ${JSON.stringify(stopReason)}${what}`,
    });
  }
  return finishReason;
}
