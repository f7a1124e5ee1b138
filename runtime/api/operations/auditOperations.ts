import { type AuditEventQuery, listAuditEvents } from "../../core/audit/listAuditEvents.ts";
import { RequestValidationError } from "../../core/errors/requestValidationError.ts";
import type { OperationTable } from "../operation.ts";
import type { OperationDeps } from "./operationDeps.ts";

/**
 * The tenant's audit log, read-only. Events are written by createGroupHandler for every change and every
 * admin action (this listing included, after it answers); no operation writes them itself.
 */
export const auditOperations: OperationTable<OperationDeps> = {
  async listAuditEvents({ query }, { db }) {
    const filter = query as unknown as AuditEventQuery;
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
};
