import { conversationStore } from "../../core/conversations/conversationStore.ts";
import { messageStore } from "../../core/conversations/messageStore.ts";
import { meteredCompletion } from "../../core/metering/meteredCompletion.ts";
import type { ModelMessage } from "../../core/models/modelTypes.ts";
import { resolveSettings } from "../../core/settings/resolveSettings.ts";
import { settingsStore } from "../../core/settings/settingsStore.ts";
import { defineRoute } from "../defineRoute.ts";
import * as conversations from "../schemas/conversations.ts";
import * as messageSchemas from "../schemas/messages.ts";
import type { ChatDeps } from "./chatDeps.ts";
import { modelCallDeps } from "./modelCallDeps.ts";

/** How many earlier messages of a conversation go with a new one to the model. */
export const conversationContextMessages = 50;

/** Sending a message in a conversation: a metered model call (chat group), both turns stored together. */
export const sendMessageRoute = defineRoute({
  method: "POST",
  path: "/v1/conversations/{conversationId}/messages",
  operationId: "sendMessage",
  scope: "chat:write",
  group: "chat",
  summary: "Send a message: calls the model and stores both turns",
  idempotent: true,
  responseTransferMode: "STREAM",
  pathParams: conversations.conversationPathParams,
  body: messageSchemas.sendMessageBody,
  response: { status: 201, schema: messageSchemas.sendMessageResponseSchema },
  async handler({ params, body, context }, deps: ChatDeps) {
    const { conversationId } = params;
    const request = body;
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
      modelCallDeps(deps, context),
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
});
