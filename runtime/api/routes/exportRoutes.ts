import { exportResources } from "../../core/jobs/exportResources.ts";
import type { ExportDownload, ExportStorage } from "../../core/jobs/exportStorage.ts";
import { exportStore } from "../../core/jobs/exportStore.ts";
import { readExportFile } from "../../core/jobs/readExportFile.ts";
import { runExport } from "../../core/jobs/runExport.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as dataExports from "../schemas/exports.ts";
import { exportFileMediaType } from "../schemas/exports.ts";
import type { OperationDeps } from "./operationDeps.ts";

/** What the export operations need beyond every operation's dependencies. */
export interface ExportOperationDeps extends OperationDeps {
  /** Where finished export files go and are read back from. @see databaseExportStorage, the default */
  readonly exportStorage: ExportStorage;
}

/**
 * Exports of the tenant's data as JSON Lines. The job runs inside the POST for now (see runExport), which
 * still answers 202 with the job so clients poll as they will once a queue runs it; the finished file is
 * fetched from the download route, which its `download.url` names.
 */
export const exportRoutes: readonly ApiRoute<ExportOperationDeps>[] = [
  defineRoute({
    method: "POST",
    path: "/v1/exports",
    operationId: "createExport",
    scope: "data:export",
    group: "admin",
    summary: "Start an export of all the tenant's data",
    idempotent: true,
    body: dataExports.createExportBody,
    response: { status: 202, schema: dataExports.exportJobSchema },
    async handler({ body, context }, { db, tenant, exportStorage, now }: ExportOperationDeps) {
      const requested = body.resources;
      const job = await runExport({
        db,
        tenant,
        storage: exportStorage,
        resources: requested ?? [...exportResources],
        requestedBy: context.subject,
        requestId: context.requestId,
        ...(now ? { now } : {}),
      });
      return { status: 202, body: job, resource: `exports/${job.id}` };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/exports",
    operationId: "listExports",
    scope: "data:export",
    group: "admin",
    summary: "List data exports",
    query: dataExports.listExportsQuery,
    response: { status: 200, schema: dataExports.exportPageSchema },
    async handler({ query }, { db, now }: ExportOperationDeps) {
      return { body: await exportStore.list(db, query, now?.() ?? new Date()) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/exports/{exportId}",
    operationId: "getExport",
    scope: "data:export",
    group: "admin",
    summary: "Get an export's status and, when done, its download link",
    pathParams: dataExports.exportPathParams,
    response: { status: 200, schema: dataExports.exportJobSchema },
    async handler({ params }, { db, now }: ExportOperationDeps) {
      const { exportId } = params;
      return {
        body: await exportStore.get(db, exportId, now?.() ?? new Date()),
        resource: `exports/${exportId}`,
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/exports/{exportId}/download",
    operationId: "downloadExport",
    scope: "data:export",
    group: "admin",
    summary: "Download a finished export's file (JSON Lines)",
    pathParams: dataExports.exportPathParams,
    response: { status: 200, file: dataExports.exportFileResponse },
    async handler({ params }, { db, tenant, exportStorage, now }: ExportOperationDeps) {
      const { exportId } = params;
      const found = await readExportFile({
        db,
        storage: exportStorage,
        exportId,
        now: now?.() ?? new Date(),
      });
      if ("link" in found) {
        // Over one response's size the file is in the tenant's export bucket: send the client there.
        return {
          status: 303,
          body: { url: found.link, expiresAt: found.download.expiresAt },
          headers: { location: found.link, "cache-control": "private, no-store" },
          resource: `exports/${exportId}`,
        };
      }
      const { content, download } = found;
      return {
        file: content,
        headers: exportFileHeaders(tenant.id, exportId, download),
        resource: `exports/${exportId}`,
      };
    },
  }),
];

/** The headers of an export file: its type, a file name, and its SHA-256 as the job reports it. */
function exportFileHeaders(tenantId: string, exportId: string, download: ExportDownload) {
  return {
    "content-type": exportFileMediaType,
    "content-disposition": `attachment; filename="${tenantId}-export-${exportId}.jsonl"`,
    etag: `"${download.sha256}"`,
    "repr-digest": `sha-256=:${Buffer.from(download.sha256, "hex").toString("base64")}:`,
    // The tenant's data: never kept by a browser or a shared cache.
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  };
}
