import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";

/** One audited action. */
export interface AuditEventInput {
  readonly subject: string;
  readonly clientId: string | null;
  /** The route's operationId. */
  readonly action: string;
  readonly resource: string | null;
  readonly outcome: "succeeded" | "denied" | "failed";
  readonly status: number;
  readonly requestId: string;
  readonly sourceIp: string | null;
}

/**
 * Appends an audit event to the tenant's own database: who (token subject), what (operationId and
 * resource), when, with what outcome and status, from where. Rows are only ever inserted.
 *
 * @example
 * await writeAuditEvent(db, { subject, clientId: null, action: "deleteConversation", ... });
 */
export async function writeAuditEvent(db: SqlExecutor, event: AuditEventInput): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (id, subject, client_id, action, resource, outcome, status, request_id, source_ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      randomUUID(),
      event.subject.slice(0, 256),
      event.clientId,
      event.action,
      event.resource,
      event.outcome,
      event.status,
      event.requestId.slice(0, 128),
      event.sourceIp,
    ],
  );
}
