import { ResourceNotFoundError } from "../../core/errors/resourceNotFoundError.ts";
import { meteredCompletion } from "../../core/metering/meteredCompletion.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as chat from "../schemas/chatCompletions.ts";
import { type ChatCompletionRequest, contentText } from "../schemas/chatCompletions.ts";
import * as models from "../schemas/models.ts";
import type { ChatDeps } from "./chatDeps.ts";
import { modelCallDeps } from "./modelCallDeps.ts";

/** Models, OpenAI-compatible chat completions, and sending a message in a conversation (chat group). */
export const chatRoutes: readonly ApiRoute<ChatDeps>[] = [
  defineRoute({
    method: "GET",
    path: "/v1/models",
    operationId: "listModels",
    scope: "models:read",
    group: "chat",
    summary: "List the models this tenant may call",
    openAiCompatible: true,
    response: { status: 200, schema: models.modelListSchema },
    async handler(_input, { router }: ChatDeps) {
      return {
        body: {
          object: "list",
          data: router.listModels().map((model) => toModelObject(model.key, model.provider, model.isDefault)),
        },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/models/{modelId}",
    operationId: "getModel",
    scope: "models:read",
    group: "chat",
    summary: "Get one allowlisted model",
    openAiCompatible: true,
    pathParams: models.modelPathParams,
    response: { status: 200, schema: models.modelSchema },
    async handler({ params }, { router }: ChatDeps) {
      const { modelId } = params;
      const model = router.listModels().find((candidate) => candidate.key === modelId);
      if (model === undefined) throw new ResourceNotFoundError("model", modelId);
      return { body: toModelObject(model.key, model.provider, model.isDefault) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/chat/completions",
    operationId: "createChatCompletion",
    scope: "chat:write",
    group: "chat",
    summary: "OpenAI-compatible chat completion (non-streaming)",
    idempotent: true,
    openAiCompatible: true,
    body: chat.chatCompletionRequestSchema,
    response: { status: 200, schema: chat.chatCompletionSchema },
    async handler({ body, context }, deps: ChatDeps) {
      const request: ChatCompletionRequest = body;
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
        modelCallDeps(deps),
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
  }),
];

function toModelObject(key: string, provider: "bedrock" | "openai-compatible" | "echo", isDefault: boolean) {
  return { id: key, object: "model", created: 0, owned_by: provider, provider, is_default: isDefault };
}
