import { exportResources } from "../../core/jobs/exportResources.ts";
import type { ExportDownload, ExportStorage } from "../../core/jobs/exportStorage.ts";
import { type ExportResource, exportStore } from "../../core/jobs/exportStore.ts";
import { readExportFile } from "../../core/jobs/readExportFile.ts";
import { runExport } from "../../core/jobs/runExport.ts";
import type { OperationTable } from "../operation.ts";
import { exportFileMediaType } from "../schemas/exports.ts";
import type { OperationDeps } from "./operationDeps.ts";

/** What the export operations need beyond every operation's dependencies. */
export interface ExportOperationDeps extends OperationDeps {
  /** Where finished export files go and are read back from. @see databaseExportStorage, the default */
  readonly exportStorage: ExportStorage;
}

interface Page {
  limit: number;
  cursor?: string;
}

/**
 * Exports of the tenant's data as JSON Lines. The job runs inside the POST for now (see runExport), which
 * still answers 202 with the job so clients poll as they will once a queue runs it; the finished file is
 * fetched from the download route, which its `download.url` names.
 */
export const exportOperations: OperationTable<ExportOperationDeps> = {
  async createExport({ body, context }, { db, tenant, exportStorage, now }) {
    const requested = (body as { resources?: ExportResource[] }).resources;
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

  async listExports({ query }, { db, now }) {
    return { body: await exportStore.list(db, query as unknown as Page, now?.() ?? new Date()) };
  },

  async getExport({ params }, { db, now }) {
    const { exportId } = params as { exportId: string };
    return {
      body: await exportStore.get(db, exportId, now?.() ?? new Date()),
      resource: `exports/${exportId}`,
    };
  },

  async downloadExport({ params }, { db, tenant, exportStorage, now }) {
    const { exportId } = params as { exportId: string };
    const { content, download } = await readExportFile({
      db,
      storage: exportStorage,
      exportId,
      now: now?.() ?? new Date(),
    });
    return {
      file: content,
      headers: exportFileHeaders(tenant.id, exportId, download),
      resource: `exports/${exportId}`,
    };
  },
};

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
