import { conversationStore } from "../../core/conversations/conversationStore.ts";
import { messageStore } from "../../core/conversations/messageStore.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as conversations from "../schemas/conversations.ts";
import * as messages from "../schemas/messages.ts";
import type { OperationDeps } from "./operationDeps.ts";

/** Conversations and their messages (reads); sending a message is a chat operation. */
export const conversationRoutes: readonly ApiRoute<OperationDeps>[] = [
  defineRoute({
    method: "POST",
    path: "/v1/conversations",
    operationId: "createConversation",
    scope: "conversations:write",
    group: "data",
    summary: "Create a conversation",
    idempotent: true,
    body: conversations.createConversationBody,
    response: { status: 201, schema: conversations.conversationSchema },
    async handler({ body, context }, { db }: OperationDeps) {
      const conversation = await conversationStore.create(db, { ...body, createdBy: context.subject });
      return { status: 201, body: conversation, resource: `conversations/${conversation.id}` };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/conversations",
    operationId: "listConversations",
    scope: "conversations:read",
    group: "data",
    summary: "List conversations, newest first (cursor pagination)",
    query: conversations.listConversationsQuery,
    response: { status: 200, schema: conversations.conversationPageSchema },
    async handler({ query }, { db }: OperationDeps) {
      return { body: await conversationStore.list(db, query) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/conversations/{conversationId}",
    operationId: "getConversation",
    scope: "conversations:read",
    group: "data",
    summary: "Get a conversation",
    pathParams: conversations.conversationPathParams,
    response: { status: 200, schema: conversations.conversationSchema },
    async handler({ params }, { db }: OperationDeps) {
      return { body: await conversationStore.get(db, params.conversationId) };
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/v1/conversations/{conversationId}",
    operationId: "updateConversation",
    scope: "conversations:write",
    group: "data",
    summary: "Rename a conversation or change its metadata",
    pathParams: conversations.conversationPathParams,
    body: conversations.updateConversationBody,
    response: { status: 200, schema: conversations.conversationSchema },
    async handler({ params, body }, { db }: OperationDeps) {
      const { conversationId } = params;
      return {
        body: await conversationStore.update(db, conversationId, body),
        resource: `conversations/${conversationId}`,
      };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/conversations/{conversationId}",
    operationId: "deleteConversation",
    scope: "conversations:write",
    group: "data",
    summary: "Delete a conversation and its messages",
    pathParams: conversations.conversationPathParams,
    response: { status: 204 },
    async handler({ params }, { db }: OperationDeps) {
      const { conversationId } = params;
      await conversationStore.remove(db, conversationId);
      return { status: 204, resource: `conversations/${conversationId}` };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/conversations/{conversationId}/messages",
    operationId: "listMessages",
    scope: "conversations:read",
    group: "data",
    summary: "List a conversation's messages, oldest first (cursor pagination)",
    pathParams: conversations.conversationPathParams,
    query: messages.listMessagesQuery,
    response: { status: 200, schema: messages.messagePageSchema },
    async handler({ params, query }, { db }: OperationDeps) {
      const { conversationId } = params;
      return { body: await messageStore.list(db, conversationId, query) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/conversations/{conversationId}/messages/{messageId}",
    operationId: "getMessage",
    scope: "conversations:read",
    group: "data",
    summary: "Get one message",
    pathParams: messages.messagePathParams,
    response: { status: 200, schema: messages.messageSchema },
    async handler({ params }, { db }: OperationDeps) {
      const { conversationId, messageId } = params;
      return { body: await messageStore.get(db, conversationId, messageId) };
    },
  }),
];
