import { type AuditEventQuery, listAuditEvents } from "../../core/audit/listAuditEvents.ts";
import { RequestValidationError } from "../../core/errors/requestValidationError.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as audit from "../schemas/audit.ts";
import type { OperationDeps } from "./operationDeps.ts";

/**
 * The tenant's audit log, read-only. Events are written by createGroupHandler for every change and every
 * admin action (this listing included, after it answers); no operation writes them itself.
 */
export const auditRoutes: readonly ApiRoute<OperationDeps>[] = [
  defineRoute({
    method: "GET",
    path: "/v1/audit/events",
    operationId: "listAuditEvents",
    scope: "audit:read",
    group: "admin",
    summary: "Audit events: who did what, when, with what outcome (cursor pagination)",
    query: audit.listAuditEventsQuery,
    response: { status: 200, schema: audit.auditEventPageSchema },
    async handler({ query }, { db }: OperationDeps) {
      const filter: AuditEventQuery = query;
      if (filter.since !== undefined && filter.until !== undefined) {
        if (Date.parse(filter.until) <= Date.parse(filter.since)) {
          throw new RequestValidationError([
            {
              path: "query.until",
              message: `must be after since (${filter.since}): until is exclusive, so the range holds no event`,
            },
          ]);
        }
      }
      return { body: await listAuditEvents(db, filter) };
    },
  }),
];
