import { conversationStore } from "../../core/conversations/conversationStore.ts";
import { messageStore } from "../../core/conversations/messageStore.ts";
import { operationTable } from "../operation.ts";
import type { OperationDeps } from "./operationDeps.ts";

/** Conversations and their messages (reads); sending a message is a chat operation. */
export const conversationOperations = operationTable<OperationDeps>({
  async createConversation({ body, context }, { db }) {
    const conversation = await conversationStore.create(db, { ...body, createdBy: context.subject });
    return { status: 201, body: conversation, resource: `conversations/${conversation.id}` };
  },

  async listConversations({ query }, { db }) {
    return { body: await conversationStore.list(db, query) };
  },

  async getConversation({ params }, { db }) {
    return { body: await conversationStore.get(db, params.conversationId) };
  },

  async updateConversation({ params, body }, { db }) {
    const { conversationId } = params;
    return {
      body: await conversationStore.update(db, conversationId, body),
      resource: `conversations/${conversationId}`,
    };
  },

  async deleteConversation({ params }, { db }) {
    const { conversationId } = params;
    await conversationStore.remove(db, conversationId);
    return { status: 204, resource: `conversations/${conversationId}` };
  },

  async listMessages({ params, query }, { db }) {
    const { conversationId } = params;
    return { body: await messageStore.list(db, conversationId, query) };
  },

  async getMessage({ params }, { db }) {
    const { conversationId, messageId } = params;
    return { body: await messageStore.get(db, conversationId, messageId) };
  },
});
