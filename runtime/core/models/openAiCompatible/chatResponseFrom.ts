import * as z from "zod";
import type { ProviderErrorContext } from "../modelErrors.ts";
import type { ModelFinishReason, ModelTokenLogprob, ModelToolCall, ModelUsage } from "../modelTypes.ts";
import { finishReasonFrom } from "./finishReasonFrom.ts";
import { logprobsFrom, wireLogprobs } from "./logprobsFrom.ts";
import { parseWireJson } from "./parseWireJson.ts";
import { usageFrom, wireUsage } from "./usageFrom.ts";

/** A tool call as OpenAI writes it in a message. */
const wireToolCall = z.object({
  id: z.string().min(1),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

/** The fields of an OpenAI chat completion this provider reads; others are ignored. */
const chatCompletionBody = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z.array(wireToolCall).nullish(),
        }),
        finish_reason: z.string().nullish(),
        logprobs: wireLogprobs,
      }),
    )
    .min(1),
  usage: wireUsage,
});

/** The parts of a {@link ModelResponse} a chat completion body gives. */
export interface ChatAnswer {
  readonly content: string;
  readonly toolCalls: readonly ModelToolCall[];
  readonly finishReason: ModelFinishReason;
  readonly usage: ModelUsage;
  readonly logprobs?: readonly ModelTokenLogprob[] | undefined;
}

/**
 * The answer in an OpenAI chat completion body (`choices[0]`, the only one asked for). `content: null`
 * (tool calls only) is `""`; a refusal becomes the content, with finish reason `content_filter`; the
 * content tokens' `logprobs` are kept when the server sent them. A body
 * without usage is `MODEL_BAD_RESPONSE`: the call could not be metered.
 *
 * @example
 * chatResponseFrom('{"choices":[{"message":{"content":"Hi!"},"finish_reason":"stop"}],"usage":{...}}', context);
 * // { content: "Hi!", toolCalls: [], finishReason: "stop", usage: {...} }
 */
export function chatResponseFrom(text: string, context: ProviderErrorContext): ChatAnswer {
  const { choices, usage } = parseWireJson(text, chatCompletionBody, "a chat completion", context);
  const message = (choices[0] as (typeof choices)[number]).message;
  const toolCalls = (message.tool_calls ?? []).map((call) => ({
    id: call.id,
    name: call.function.name,
    arguments: call.function.arguments,
  }));
  const refusal = message.refusal ?? undefined;
  const logprobs = logprobsFrom(choices[0]?.logprobs);
  return {
    content: message.content ?? refusal ?? "",
    toolCalls,
    finishReason: finishReasonFrom(choices[0]?.finish_reason, {
      calledTools: toolCalls.length > 0,
      refused: refusal !== undefined && refusal !== "",
    }),
    usage: usageFrom(usage, context),
    ...(logprobs === undefined ? {} : { logprobs }),
  };
}
