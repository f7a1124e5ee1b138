import * as z from "zod";
import { metadata, resourceId, timestamp, withAtLeastOneField } from "./common.ts";
import { pageOf, pageQuery } from "./pagination.ts";

const title = z
  .string()
  .min(1, "must not be empty; omit it or send null for an untitled conversation")
  .max(200, "must be at most 200 characters");

/** Path parameters of the routes under `/v1/conversations/{conversationId}`. */
export const conversationPathParams = z.strictObject({
  conversationId: resourceId.describe("The conversation's id"),
});

/** A conversation: a titled thread of messages the tenant's app keeps in the silo. */
export const conversationSchema = z
  .strictObject({
    id: resourceId,
    title: title.nullable(),
    metadata,
    messageCount: z.int().min(0),
    createdAt: timestamp,
    updatedAt: timestamp,
    lastMessageAt: timestamp.nullable().describe("When the latest message was stored; null when none"),
  })
  .meta({ id: "Conversation" });

/** Body of `POST /v1/conversations`. */
export const createConversationBody = z
  .strictObject({
    title: title.optional(),
    metadata: metadata.optional(),
  })
  .meta({ id: "CreateConversationRequest" });

/** Body of `PATCH /v1/conversations/{conversationId}`: the fields to change; `title: null` clears it. */
export const updateConversationBody = withAtLeastOneField(
  z.strictObject({
    title: title.nullable().optional(),
    metadata: metadata.optional().describe("Replaces the conversation's metadata as a whole"),
  }),
).meta({ id: "UpdateConversationRequest" });

/** Query of `GET /v1/conversations`. */
export const listConversationsQuery = pageQuery;

/** A page of conversations, newest first. */
export const conversationPageSchema = pageOf(conversationSchema).meta({ id: "ConversationPage" });
