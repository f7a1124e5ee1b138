import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { decodeCursor, exactTimestamp, toPage } from "../pagination/keysetCursor.ts";

/** An audit event as the API returns it. */
export interface AuditEvent {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: { readonly subject: string; readonly clientId: string | null };
  readonly action: string;
  readonly resource: string | null;
  readonly outcome: "succeeded" | "denied" | "failed";
  readonly status: number;
  readonly requestId: string;
  readonly sourceIp: string | null;
}

/** Which events to list, and the page. */
export interface AuditEventQuery {
  readonly limit: number;
  readonly cursor?: string;
  /** At or after this instant (ISO 8601, Z or an offset). */
  readonly since?: string;
  /** Strictly before this instant. */
  readonly until?: string;
  /** An operationId. */
  readonly action?: string;
  readonly outcome?: AuditEvent["outcome"];
}

interface AuditEventRow {
  id: string;
  occurred_at: Date;
  subject: string;
  client_id: string | null;
  action: string;
  resource: string | null;
  outcome: AuditEvent["outcome"];
  status: number;
  request_id: string;
  source_ip: string | null;
  /** occurred_at with microseconds: the exact keyset position. */
  sort_key: string;
}

const columns = `id, occurred_at, subject, client_id, action, resource, outcome, status, request_id, source_ip,
  ${exactTimestamp("occurred_at")} AS sort_key`;

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: { subject: row.subject, clientId: row.client_id },
    action: row.action,
    resource: row.resource,
    outcome: row.outcome,
    status: row.status,
    requestId: row.request_id,
    sourceIp: row.source_ip,
  };
}

/**
 * A page of the tenant's audit events, newest first, filtered by time range, action and outcome. Keyset
 * pagination over (occurred_at, id), the order of the `audit_events_newest` index.
 *
 * @example
 * await listAuditEvents(db, { limit: 50, action: "deleteConversation", outcome: "failed" });
 */
export async function listAuditEvents(db: SqlExecutor, query: AuditEventQuery) {
  const conditions: string[] = [];
  const values: unknown[] = [query.limit + 1];
  const where = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(sql(`$${values.length}`));
  };
  if (query.since !== undefined) where((at) => `occurred_at >= ${at}::timestamptz`, query.since);
  if (query.until !== undefined) where((at) => `occurred_at < ${at}::timestamptz`, query.until);
  if (query.action !== undefined) where((at) => `action = ${at}`, query.action);
  if (query.outcome !== undefined) where((at) => `outcome = ${at}`, query.outcome);
  const after = decodeCursor(query.cursor, "timestamp");
  if (after !== undefined) {
    values.push(after.sortValue, after.id);
    conditions.push(`(occurred_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
  }
  const { rows } = await db.query<AuditEventRow>(
    `SELECT ${columns} FROM audit_events ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY occurred_at DESC, id DESC LIMIT $1`,
    values,
  );
  return toPage(rows, query.limit, toAuditEvent, (row) => ({ sortValue: row.sort_key, id: row.id }));
}
