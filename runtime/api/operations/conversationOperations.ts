import { conversationStore } from "../../core/conversations/conversationStore.ts";
import { messageStore } from "../../core/conversations/messageStore.ts";
import type { OperationTable } from "../operation.ts";
import type { OperationDeps } from "./operationDeps.ts";

interface ConversationId {
  conversationId: string;
}
interface Page {
  limit: number;
  cursor?: string;
}

/** Conversations and their messages (reads); sending a message is a chat operation. */
export const conversationOperations: OperationTable<OperationDeps> = {
  async createConversation({ body, context }, { db }) {
    const input = body as { title?: string; metadata?: Record<string, string> };
    const conversation = await conversationStore.create(db, { ...input, createdBy: context.subject });
    return { status: 201, body: conversation, resource: `conversations/${conversation.id}` };
  },

  async listConversations({ query }, { db }) {
    return { body: await conversationStore.list(db, query as unknown as Page) };
  },

  async getConversation({ params }, { db }) {
    return { body: await conversationStore.get(db, (params as unknown as ConversationId).conversationId) };
  },

  async updateConversation({ params, body }, { db }) {
    const { conversationId } = params as unknown as ConversationId;
    const change = body as { title?: string | null; metadata?: Record<string, string> };
    return {
      body: await conversationStore.update(db, conversationId, change),
      resource: `conversations/${conversationId}`,
    };
  },

  async deleteConversation({ params }, { db }) {
    const { conversationId } = params as unknown as ConversationId;
    await conversationStore.remove(db, conversationId);
    return { status: 204, resource: `conversations/${conversationId}` };
  },

  async listMessages({ params, query }, { db }) {
    const { conversationId } = params as unknown as ConversationId;
    return { body: await messageStore.list(db, conversationId, query as unknown as Page) };
  },

  async getMessage({ params }, { db }) {
    const { conversationId, messageId } = params as unknown as ConversationId & { messageId: string };
    return { body: await messageStore.get(db, conversationId, messageId) };
  },
};
