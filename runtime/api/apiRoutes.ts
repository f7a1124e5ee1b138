import type { ApiRoute } from "./defineRoute.ts";
import { auditRoutes } from "./routes/auditRoutes.ts";
import { budgetRoutes } from "./routes/budgetRoutes.ts";
import type { ChatDeps } from "./routes/chatDeps.ts";
import { chatRoutes } from "./routes/chatRoutes.ts";
import { conversationRoutes } from "./routes/conversationRoutes.ts";
import { dataDeletionRoutes } from "./routes/dataDeletionRoutes.ts";
import { type ExportOperationDeps, exportRoutes } from "./routes/exportRoutes.ts";
import { healthRoutes } from "./routes/healthRoutes.ts";
import { sendMessageRoute } from "./routes/sendMessageRoute.ts";
import { settingsRoutes } from "./routes/settingsRoutes.ts";
import { templateRoutes } from "./routes/templateRoutes.ts";
import { usageRoutes } from "./routes/usageRoutes.ts";

/** Everything any handler may need; each group's Lambda builds it once at cold start. */
export type TenantDeps = ChatDeps & ExportOperationDeps;

/**
 * Every route of the tenant API, each defined once in `routes/`, in the order of the API reference. From
 * it come the runtime router, the OpenAPI document and the zod-free route table `routes.ts` that the edge
 * and the authorizer read (generated: `npx tsx runtime/api/writeRouteTable.ts`).
 */
export const apiRoutes: readonly ApiRoute<TenantDeps>[] = [
  ...healthRoutes,
  ...chatRoutes,
  ...conversationRoutes,
  sendMessageRoute,
  ...templateRoutes,
  ...settingsRoutes,
  ...usageRoutes,
  ...budgetRoutes,
  ...auditRoutes,
  ...exportRoutes,
  ...dataDeletionRoutes,
];
