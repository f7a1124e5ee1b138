import { dataDeletionStore } from "../../core/jobs/dataDeletionStore.ts";
import { runDataDeletion } from "../../core/jobs/runDataDeletion.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as dataDeletions from "../schemas/dataDeletions.ts";
import type { OperationDeps } from "./operationDeps.ts";

/**
 * Deletions of all the tenant's conversation data. The job runs inside the POST for now (see
 * runDataDeletion), which still answers 202 with the job so clients poll as they will once a queue runs it.
 */
export const dataDeletionRoutes: readonly ApiRoute<OperationDeps>[] = [
  defineRoute({
    method: "POST",
    path: "/v1/data-deletions",
    operationId: "createDataDeletion",
    scope: "data:delete",
    group: "admin",
    summary: "Delete all of the tenant's conversation data",
    idempotent: true,
    body: dataDeletions.createDataDeletionBody,
    response: { status: 202, schema: dataDeletions.dataDeletionJobSchema },
    async handler({ body, context }, { db }: OperationDeps) {
      const { reason } = body;
      const job = await runDataDeletion({
        db,
        requestedBy: context.subject,
        requestId: context.requestId,
        ...(reason === undefined ? {} : { reason }),
      });
      return { status: 202, body: job, resource: `data-deletions/${job.id}` };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/data-deletions",
    operationId: "listDataDeletions",
    scope: "data:delete",
    group: "admin",
    summary: "List data deletion requests",
    query: dataDeletions.listDataDeletionsQuery,
    response: { status: 200, schema: dataDeletions.dataDeletionPageSchema },
    async handler({ query }, { db }: OperationDeps) {
      return { body: await dataDeletionStore.list(db, query) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/data-deletions/{deletionId}",
    operationId: "getDataDeletion",
    scope: "data:delete",
    group: "admin",
    summary: "Get a data deletion's status and what it removed",
    pathParams: dataDeletions.dataDeletionPathParams,
    response: { status: 200, schema: dataDeletions.dataDeletionJobSchema },
    async handler({ params }, { db }: OperationDeps) {
      const { deletionId } = params;
      return { body: await dataDeletionStore.get(db, deletionId), resource: `data-deletions/${deletionId}` };
    },
  }),
];
