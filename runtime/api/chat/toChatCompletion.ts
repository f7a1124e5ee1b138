import type { MeteredCompletion } from "../../core/metering/meteredCompletion.ts";
import type { ModelUsage } from "../../core/models/modelTypes.ts";
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

/** A settled model call as OpenAI's `chat.completion` object. */
export function toChatCompletion(completion: MeteredCompletion, createdSeconds: number): ChatCompletion {
  const { response } = completion;
  const toolCalls = response.toolCalls.map((call) => ({
    id: call.id,
    type: "function" as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    id: completionId(completion.ledgerEntryId),
    object: "chat.completion",
    created: createdSeconds,
    model: completion.modelKey,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: response.content === "" && toolCalls.length > 0 ? null : response.content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: response.finishReason,
        logprobs: toChoiceLogprobs(response.logprobs),
      },
    ],
    usage: toCompletionUsage(response.usage),
  };
}
