import type { OperationTable } from "./operation.ts";
import { auditOperations } from "./operations/auditOperations.ts";
import { budgetOperations } from "./operations/budgetOperations.ts";
import type { ChatDeps } from "./operations/chatDeps.ts";
import { chatOperations } from "./operations/chatOperations.ts";
import { conversationOperations } from "./operations/conversationOperations.ts";
import { dataDeletionOperations } from "./operations/dataDeletionOperations.ts";
import { type ExportOperationDeps, exportOperations } from "./operations/exportOperations.ts";
import { healthOperations } from "./operations/healthOperations.ts";
import { settingsOperations } from "./operations/settingsOperations.ts";
import { templateOperations } from "./operations/templateOperations.ts";
import { usageOperations } from "./operations/usageOperations.ts";
import type { HandlerGroup } from "./routes.ts";

/** Everything any operation may need; each group's Lambda builds it once at cold start. */
export type TenantDeps = ChatDeps & ExportOperationDeps;

/**
 * The operations each handler group serves. The route table decides which group a route belongs to;
 * createGroupHandler refuses to start when a route of its group has no operation here, and a test checks
 * that every route of the table is served by exactly its group.
 */
export const groupOperations: Readonly<Record<HandlerGroup, OperationTable<TenantDeps>>> = {
  chat: chatOperations,
  data: {
    ...healthOperations,
    ...conversationOperations,
    ...templateOperations,
    ...settingsOperations,
    ...usageOperations,
  },
  admin: {
    ...budgetOperations,
    ...auditOperations,
    ...exportOperations,
    ...dataDeletionOperations,
  },
};
