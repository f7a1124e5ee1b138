import * as z from "zod";
import { ProviderBadResponseError, type ProviderErrorContext } from "../modelErrors.ts";
import type { ModelChoice, ModelRequest, ModelUsage } from "../modelTypes.ts";
import { finishReasonFrom } from "./finishReasonFrom.ts";
import { logprobsFrom, wireLogprobs } from "./logprobsFrom.ts";
import { parseWireJson } from "./parseWireJson.ts";
import { usageFrom, wireUsage } from "./usageFrom.ts";

/** A tool call as OpenAI writes it in a message. */
const wireToolCall = z.object({
  id: z.string().min(1),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const wireChoice = z.object({
  index: z.int().min(0).nullish(),
  message: z.object({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(wireToolCall).nullish(),
  }),
  finish_reason: z.string().nullish(),
  logprobs: wireLogprobs,
});

/** The fields of an OpenAI chat completion this provider reads; others are ignored. */
const chatCompletionBody = z.object({
  choices: z.array(wireChoice).min(1),
  usage: wireUsage,
});

/** The parts of a {@link ModelResponse} a chat completion body gives. */
export interface ChatAnswer extends ModelChoice {
  readonly usage: ModelUsage;
  readonly otherChoices?: readonly ModelChoice[] | undefined;
}

/**
 * The answer in an OpenAI chat completion body: `choices[0]`, and the other choices in index order when
 * the request asked for `n` > 1 (`asked.n`). Choices beyond those asked for (an index past `n`, a repeated
 * index) are not part of the answer, as in a stream: the client gets at most the `n` it asked for.
 * `content: null` (tool calls only) is `""`; a refusal becomes the content, with finish reason
 * `content_filter`; the content tokens' `logprobs` are kept when the request asked for them
 * (`asked.logprobs`, see `logprobsFrom`) and the server sent them. A body without usage is
 * `MODEL_BAD_RESPONSE`: the call could not be metered; so is any other unusable body (no choice asked for,
 * a tool call without an id, ...), carrying its usage when it has one, which the server bills.
 *
 * @example
 * chatResponseFrom('{"choices":[{"message":{"content":"Hi!"},"finish_reason":"stop"}],"usage":{...}}', context);
 * // { content: "Hi!", toolCalls: [], finishReason: "stop", usage: {...} }
 */
export function chatResponseFrom(
  text: string,
  context: ProviderErrorContext,
  asked: Pick<ModelRequest, "n" | "logprobs"> = {},
): ChatAnswer {
  const choices = asked.n ?? 1;
  const body = parseWireJson(text, chatCompletionBody, "a chat completion", context, (json) =>
    billedUsageIn(json, context),
  );
  const seen = new Set<number>();
  const [first, ...others] = body.choices
    .map((choice, position) => ({ choice, order: choice.index ?? position }))
    // The first choice of each index asked for; a repeated index is not another choice.
    .filter(({ order }) => {
      if (order >= choices || seen.has(order)) return false;
      seen.add(order);
      return true;
    })
    .sort((a, b) => a.order - b.order)
    .map(({ choice }) => choiceFrom(choice, asked.logprobs));
  const usage = usageFrom(body.usage, context);
  if (first === undefined) {
    throw new ProviderBadResponseError({
      ...context,
      problem: `the chat completion has no choice with an index below n = ${choices}`,
      billedUsage: usage,
    });
  }
  return {
    ...first,
    usage,
    ...(others.length > 0 ? { otherChoices: others } : {}),
  };
}

function choiceFrom(
  choice: z.infer<typeof wireChoice>,
  askedLogprobs: ModelRequest["logprobs"],
): ModelChoice {
  const message = choice.message;
  const toolCalls = (message.tool_calls ?? []).map((call) => ({
    id: call.id,
    name: call.function.name,
    arguments: call.function.arguments,
  }));
  const refusal = message.refusal ?? undefined;
  const logprobs = logprobsFrom(choice.logprobs, askedLogprobs);
  return {
    content: message.content ?? refusal ?? "",
    toolCalls,
    finishReason: finishReasonFrom(choice.finish_reason, {
      calledTools: toolCalls.length > 0,
      refused: refusal !== undefined && refusal !== "",
    }),
    ...(logprobs === undefined ? {} : { logprobs }),
  };
}

/** The usage of an unusable chat completion body, when it reports one the ledger can settle. */
function billedUsageIn(json: unknown, context: ProviderErrorContext): ModelUsage | undefined {
  const parsed = z.object({ usage: wireUsage }).safeParse(json);
  if (!parsed.success) return undefined;
  try {
    return usageFrom(parsed.data.usage, context);
  } catch {
    // Usage usageFrom refuses (more cached than prompt tokens) is no usage to settle.
    return undefined;
  }
}
