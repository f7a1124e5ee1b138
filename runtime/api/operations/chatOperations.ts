import { conversationStore } from "../../core/conversations/conversationStore.ts";
import { messageStore } from "../../core/conversations/messageStore.ts";
import { ResourceNotFoundError } from "../../core/errors/resourceNotFoundError.ts";
import { meteredCompletion } from "../../core/metering/meteredCompletion.ts";
import type { ModelMessage } from "../../core/models/modelTypes.ts";
import { resolveSettings } from "../../core/settings/resolveSettings.ts";
import { settingsStore } from "../../core/settings/settingsStore.ts";
import type { OperationTable } from "../operation.ts";
import { type ChatCompletionRequest, contentText } from "../schemas/chatCompletions.ts";
import type { ChatDeps } from "./chatDeps.ts";

/** How many earlier messages of a conversation go with a new one to the model. */
export const conversationContextMessages = 50;

const defaultModelCallTimeoutMs = 28_000;

/** Models, OpenAI-compatible chat completions, and sending a message in a conversation (chat group). */
export const chatOperations: OperationTable<ChatDeps> = {
  async listModels(_input, { router }) {
    return {
      body: {
        object: "list",
        data: router.listModels().map((model) => toModelObject(model.key, model.provider, model.isDefault)),
      },
    };
  },

  async getModel({ params }, { router }) {
    const modelId = params.modelId as string;
    const model = router.listModels().find((candidate) => candidate.key === modelId);
    if (model === undefined) throw new ResourceNotFoundError("model", modelId);
    return { body: toModelObject(model.key, model.provider, model.isDefault) };
  },

  async createChatCompletion({ body, context }, deps) {
    const request = body as ChatCompletionRequest;
    const completion = await meteredCompletion(
      {
        modelKey: request.model,
        messages: request.messages.map((message) => ({
          role: message.role,
          content: contentText(message.content),
        })),
        maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
        temperature: request.temperature ?? undefined,
        topP: request.top_p ?? undefined,
        stop: typeof request.stop === "string" ? [request.stop] : (request.stop ?? undefined),
        requestId: context.requestId,
        operationId: "createChatCompletion",
      },
      callDeps(deps),
    );
    const { usage } = completion.response;
    // Not awaited: the alert is a side channel and must not add latency to the answer.
    void deps.budgetAlerter?.afterSettle();
    return {
      body: {
        id: `chatcmpl-${completion.ledgerEntryId.replaceAll("-", "")}`,
        object: "chat.completion",
        created: Math.floor((deps.now?.() ?? new Date()).getTime() / 1000),
        model: completion.modelKey,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: completion.response.content, refusal: null },
            finish_reason: completion.response.finishReason,
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: usage.inputTokens,
          completion_tokens: usage.outputTokens,
          total_tokens: usage.inputTokens + usage.outputTokens,
        },
      },
      headers: { "x-silo-cost-usd": completion.costUsd },
      timings: completion.timings,
    };
  },

  async sendMessage({ params, body, context }, deps) {
    const conversationId = params.conversationId as string;
    const request = body as { content: string; model?: string; maxTokens?: number; temperature?: number };
    await conversationStore.get(deps.db, conversationId);
    // The same settings the settings endpoints report, fall-backs to the tenant file included.
    const settings = resolveSettings(deps.tenant, (await settingsStore.read(deps.db)).stored);
    const history = await messageStore.recent(deps.db, conversationId, conversationContextMessages);
    const messages: ModelMessage[] = [
      ...(settings.systemPrompt ? [{ role: "system" as const, content: settings.systemPrompt }] : []),
      ...history.map((message) => ({ role: message.role, content: message.content })),
      { role: "user", content: request.content },
    ];
    const completion = await meteredCompletion(
      {
        modelKey: request.model ?? settings.defaultModel,
        messages,
        maxTokens: request.maxTokens,
        temperature: request.temperature,
        requestId: context.requestId,
        operationId: "sendMessage",
      },
      callDeps(deps),
    );
    void deps.budgetAlerter?.afterSettle();
    // Both turns are stored together, after the call is settled: a failed call leaves no half conversation.
    const [userMessage, assistantMessage] = await deps.db.transaction((client) =>
      messageStore.append(client, conversationId, [
        { role: "user", content: request.content, requestId: context.requestId },
        {
          role: "assistant",
          content: completion.response.content,
          model: completion.modelKey,
          usage: {
            inputTokens: completion.response.usage.inputTokens,
            outputTokens: completion.response.usage.outputTokens,
            costUsd: completion.costUsd,
          },
          requestId: context.requestId,
        },
      ]),
    );
    return {
      status: 201,
      body: { userMessage, assistantMessage },
      resource: `conversations/${conversationId}`,
      timings: completion.timings,
    };
  },
};

function callDeps(deps: ChatDeps) {
  return {
    router: deps.router,
    ledger: deps.ledger,
    maxTokensPerRequest: deps.tenant.limits.maxTokensPerRequest,
    signal: AbortSignal.timeout(deps.modelCallTimeoutMs ?? defaultModelCallTimeoutMs),
  };
}

function toModelObject(key: string, provider: "bedrock" | "openai-compatible" | "echo", isDefault: boolean) {
  return { id: key, object: "model", created: 0, owned_by: provider, provider, is_default: isDefault };
}
