import { dataDeletionStore } from "../../core/jobs/dataDeletionStore.ts";
import { runDataDeletion } from "../../core/jobs/runDataDeletion.ts";
import type { OperationTable } from "../operation.ts";
import type { OperationDeps } from "./operationDeps.ts";

interface Page {
  limit: number;
  cursor?: string;
}

/**
 * Deletions of all the tenant's conversation data. The job runs inside the POST for now (see
 * runDataDeletion), which still answers 202 with the job so clients poll as they will once a queue runs it.
 */
export const dataDeletionOperations: OperationTable<OperationDeps> = {
  async createDataDeletion({ body, context }, { db }) {
    const { reason } = body as { confirm: string; reason?: string };
    const job = await runDataDeletion({
      db,
      requestedBy: context.subject,
      requestId: context.requestId,
      ...(reason === undefined ? {} : { reason }),
    });
    return { status: 202, body: job, resource: `data-deletions/${job.id}` };
  },

  async listDataDeletions({ query }, { db }) {
    return { body: await dataDeletionStore.list(db, query as unknown as Page) };
  },

  async getDataDeletion({ params }, { db }) {
    const { deletionId } = params as { deletionId: string };
    return { body: await dataDeletionStore.get(db, deletionId), resource: `data-deletions/${deletionId}` };
  },
};
