import { apiRoutes, type TenantDeps } from "./apiRoutes.ts";
import type { ApiRoute } from "./defineRoute.ts";
import type { OperationTable } from "./operation.ts";
import type { HandlerGroup } from "./routes.ts";

export type { TenantDeps } from "./apiRoutes.ts";

/**
 * The handlers of some routes, by operationId: what createGroupHandler serves. Tests build a group from
 * the routes they exercise.
 *
 * @example
 * const operations = operationsOf(conversationRoutes);
 */
export function operationsOf<Deps>(routes: readonly ApiRoute<Deps>[]): OperationTable<Deps> {
  return Object.fromEntries(routes.map((route) => [route.operationId, route.handler]));
}

/** The handlers each handler group serves, from the group each route names. */
export const groupOperations: Readonly<Record<HandlerGroup, OperationTable<TenantDeps>>> = {
  chat: operationsOf(apiRoutes.filter((route) => route.group === "chat")),
  data: operationsOf(apiRoutes.filter((route) => route.group === "data")),
  admin: operationsOf(apiRoutes.filter((route) => route.group === "admin")),
};
