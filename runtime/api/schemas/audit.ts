import * as z from "zod";
import { resourceId, timestamp, timestampFilter } from "./common.ts";
import { pageOf, pageQuery } from "./pagination.ts";

/** How an audited action ended: done, refused by authorization, or failed. */
export const auditOutcomes = ["succeeded", "denied", "failed"] as const;

const operationId = z
  .string()
  .regex(/^[a-z][A-Za-z]{1,63}$/, 'must be an operationId from the API reference, e.g. "deleteConversation"');

/** Who acted: the token's subject and, for machine clients, the OAuth client id. */
export const auditActorSchema = z
  .strictObject({
    subject: z.string().max(256).describe("The token's sub claim"),
    clientId: z.string().max(256).nullable(),
  })
  .meta({ id: "AuditActor" });

/** One audited action on the tenant's silo: who did what, when, to what, with what outcome. */
export const auditEventSchema = z
  .strictObject({
    id: resourceId,
    occurredAt: timestamp,
    actor: auditActorSchema,
    action: operationId.describe("The operationId of the route called"),
    resource: z
      .string()
      .max(256)
      .nullable()
      .describe('What it acted on, e.g. "conversations/0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b"'),
    outcome: z.enum(auditOutcomes),
    status: z.int().min(100).max(599).describe("The HTTP status of the response"),
    requestId: z.string().max(128),
    sourceIp: z.string().max(45).nullable().describe("The caller's IP address, as the API saw it"),
  })
  .meta({ id: "AuditEvent" });

/** Query of `GET /v1/audit/events`: a page, optionally filtered by time, action and outcome. */
export const listAuditEventsQuery = pageQuery.extend({
  since: timestampFilter.optional().describe("Only events at or after this instant"),
  until: timestampFilter.optional().describe("Only events before this instant"),
  action: operationId.optional().describe("Only events of this operationId"),
  outcome: z.enum(auditOutcomes).optional(),
});

/** A page of audit events, newest first. */
export const auditEventPageSchema = pageOf(auditEventSchema).meta({ id: "AuditEventPage" });
