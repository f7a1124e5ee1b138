import type { TagObject } from "./openApiTypes.ts";

/**
 * The OpenAPI tags, by the first path segment after `/v1` (a route's resource), in the order of the API
 * reference. Messages live under conversations, so they share its tag.
 */
export const tagsByResource: Readonly<Record<string, TagObject>> = {
  health: { name: "Health", description: "Whether the tenant's silo is up; the one route without a token" },
  models: { name: "Models", description: "The models the tenant may call (OpenAI-compatible list)" },
  chat: {
    name: "Chat",
    description: "OpenAI-compatible chat completions; each call is metered and budgeted",
  },
  embeddings: {
    name: "Embeddings",
    description: "OpenAI-compatible embeddings; each call is metered and budgeted",
  },
  conversations: { name: "Conversations", description: "Stored conversations and their messages" },
  templates: { name: "Templates", description: "Prompt templates with {{variable}} placeholders" },
  settings: { name: "Settings", description: "The tenant's default model, system prompt and retention" },
  usage: { name: "Usage", description: "Tokens and cost from the tenant's usage ledger" },
  budget: { name: "Budget", description: "The monthly budget and its alert threshold" },
  audit: { name: "Audit", description: "Who did what, when, with what outcome" },
  exports: { name: "Exports", description: "Asynchronous exports of all the tenant's data" },
  "data-deletions": {
    name: "Data deletions",
    description: "Asynchronous deletion of all the tenant's conversation data",
  },
};

/**
 * The tag of a route path, e.g. `Conversations` for `/v1/conversations/{conversationId}/messages`.
 *
 * @example
 * tagFor("/v1/data-deletions/{deletionId}").name; // "Data deletions"
 */
export function tagFor(path: string): TagObject {
  const resource = path.split("/")[2] ?? "";
  const tag = tagsByResource[resource];
  if (tag === undefined) {
    throw new Error(`no OpenAPI tag for resource "${resource}" (path ${path}); add it to tagsByResource`);
  }
  return tag;
}
