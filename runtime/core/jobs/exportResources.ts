/** What an export can hold. */
export const exportResources = [
  "conversations",
  "messages",
  "templates",
  "settings",
  "usage",
  "audit",
] as const;
