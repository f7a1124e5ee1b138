import type { MeteredCompletion } from "../../core/metering/meteredCompletion.ts";
import type { ModelChoice, ModelUsage } from "../../core/models/modelTypes.ts";
import type { ChatCompletion } from "../schemas/chatCompletions.ts";
import { toChoiceLogprobs } from "./toChoiceLogprobs.ts";

/** The completion id OpenAI clients see: the ledger entry's id, so a support question finds the row. */
export function completionId(ledgerEntryId: string): string {
  return `chatcmpl-${ledgerEntryId.replaceAll("-", "")}`;
}

/** OpenAI's usage object: prompt tokens include the cached ones, reported again in their details. */
export function toCompletionUsage(usage: ModelUsage): ChatCompletion["usage"] {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    ...(usage.cacheReadTokens > 0 ? { prompt_tokens_details: { cached_tokens: usage.cacheReadTokens } } : {}),
  };
}

/** A settled model call as OpenAI's `chat.completion` object: one choice, or the `n` asked for. */
export function toChatCompletion(completion: MeteredCompletion, createdSeconds: number): ChatCompletion {
  const { response } = completion;
  return {
    id: completionId(completion.ledgerEntryId),
    object: "chat.completion",
    created: createdSeconds,
    model: completion.modelKey,
    choices: [response, ...(response.otherChoices ?? [])].map(toChoice),
    usage: toCompletionUsage(response.usage),
  };
}

function toChoice(choice: ModelChoice, index: number): ChatCompletion["choices"][number] {
  const toolCalls = choice.toolCalls.map((call) => ({
    id: call.id,
    type: "function" as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    index,
    message: {
      role: "assistant",
      content: choice.content === "" && toolCalls.length > 0 ? null : choice.content,
      refusal: null,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    },
    finish_reason: choice.finishReason,
    logprobs: toChoiceLogprobs(choice.logprobs),
  };
}
