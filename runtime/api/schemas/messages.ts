import * as z from "zod";
import { maxCompletionTokens, maxContentChars } from "./chatCompletions.ts";
import { resourceId, timestamp, tokenCount, usdAmount } from "./common.ts";
import { modelKey } from "./models.ts";
import { pageOf, pageQuery } from "./pagination.ts";

/** Path parameters of `GET /v1/conversations/{conversationId}/messages/{messageId}`. */
export const messagePathParams = z.strictObject({
  conversationId: resourceId.describe("The conversation's id"),
  messageId: resourceId.describe("The message's id"),
});

/** What the model call behind an assistant message consumed and cost, as settled in the usage ledger. */
export const messageUsageSchema = z
  .strictObject({
    inputTokens: tokenCount,
    outputTokens: tokenCount,
    costUsd: usdAmount,
  })
  .meta({ id: "MessageUsage" });

/** One stored turn of a conversation. */
export const messageSchema = z
  .strictObject({
    id: resourceId,
    conversationId: resourceId,
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    model: modelKey.nullable().describe("The model that wrote an assistant message; null for user messages"),
    usage: messageUsageSchema.nullable().describe("Set on assistant messages only"),
    createdAt: timestamp,
  })
  .meta({ id: "Message" });

/** Body of `POST /v1/conversations/{conversationId}/messages`: the user's turn and how to answer it. */
export const sendMessageBody = z
  .strictObject({
    content: z
      .string()
      .min(1, "must not be empty")
      .max(maxContentChars, `must be at most ${maxContentChars} characters`),
    model: modelKey.optional().describe("Defaults to the tenant's default model"),
    maxTokens: z.int().min(1).max(maxCompletionTokens).optional(),
    temperature: z.number().min(0).max(2).optional(),
  })
  .meta({ id: "SendMessageRequest" });

/** Both turns stored by `POST /v1/conversations/{conversationId}/messages`. */
export const sendMessageResponseSchema = z
  .strictObject({
    userMessage: messageSchema,
    assistantMessage: messageSchema,
  })
  .meta({ id: "SendMessageResponse" });

/** Query of `GET /v1/conversations/{conversationId}/messages`. */
export const listMessagesQuery = pageQuery;

/** A page of a conversation's messages, oldest first. */
export const messagePageSchema = pageOf(messageSchema).meta({ id: "MessagePage" });
