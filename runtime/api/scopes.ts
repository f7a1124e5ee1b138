/**
 * The OAuth scopes a tenant token can carry, each granting one family of actions on the tenant's own silo.
 * The route table names one scope per endpoint; the edge authorizer denies a token without it.
 */
export const scopes = {
  "models:read": "list and read the models the tenant may call",
  "chat:write": "call a model (chat completions, sending a message); spends budget",
  "embeddings:write": "embed texts with an embedding model; spends budget",
  "conversations:read": "read conversations and their messages",
  "conversations:write": "create, rename and delete conversations",
  "templates:read": "read and render prompt templates",
  "templates:write": "create, update and delete prompt templates",
  "settings:read": "read the tenant's settings",
  "settings:write": "change the tenant's settings (default model, system prompt, retention)",
  "usage:read": "read the tenant's usage, cost and budget",
  "budget:write": "change the tenant's monthly budget and alert threshold",
  "audit:read": "read the tenant's audit events",
  "data:export": "export all of the tenant's data",
  "data:delete": "delete all of the tenant's conversation data",
} as const;

/** A scope name from {@link scopes}. */
export type Scope = keyof typeof scopes;

/** True when `value` is a scope the platform knows. */
export function isScope(value: string): value is Scope {
  return Object.hasOwn(scopes, value);
}
