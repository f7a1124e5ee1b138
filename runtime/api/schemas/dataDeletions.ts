import * as z from "zod";
import { resourceId } from "./common.ts";
import { jobFields } from "./jobs.ts";
import { pageOf, pageQuery } from "./pagination.ts";

/**
 * The phrase a deletion request must carry. Deleting every conversation cannot be undone, so a client must
 * say so in words; a stray or replayed empty POST deletes nothing.
 */
export const dataDeletionConfirmation = "delete all conversation data";

/** Path parameters of `GET /v1/data-deletions/{deletionId}`. */
export const dataDeletionPathParams = z.strictObject({
  deletionId: resourceId.describe("The data deletion's id"),
});

/** Body of `POST /v1/data-deletions`. */
export const createDataDeletionBody = z
  .strictObject({
    confirm: z
      .literal(dataDeletionConfirmation, {
        error: `must be exactly "${dataDeletionConfirmation}": the deletion cannot be undone`,
      })
      .describe("Confirms the deletion; cannot be undone"),
    reason: z.string().max(500).optional().describe("Kept with the request in the audit log"),
  })
  .meta({ id: "CreateDataDeletionRequest" });

/** What a finished deletion removed. */
export const dataDeletionRemovedSchema = z
  .strictObject({
    conversations: z.int().min(0),
    messages: z.int().min(0),
  })
  .meta({ id: "DataDeletionRemoved" });

/**
 * A deletion of all the tenant's conversations and messages: an asynchronous job. Templates, settings, the
 * usage ledger and audit events are kept (finance and security need them).
 */
export const dataDeletionJobSchema = z
  .strictObject({
    id: resourceId,
    reason: z.string().max(500).nullable(),
    ...jobFields,
    removed: dataDeletionRemovedSchema.nullable().describe("Set once status is succeeded"),
  })
  .meta({ id: "DataDeletion" });

/** Query of `GET /v1/data-deletions`. */
export const listDataDeletionsQuery = pageQuery;

/** A page of data deletions, newest first. */
export const dataDeletionPageSchema = pageOf(dataDeletionJobSchema).meta({ id: "DataDeletionPage" });
