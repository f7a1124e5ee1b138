import type { RuntimeTenant } from "../../../tenants/schema.ts";
import type { SqlDatabase } from "../db/sqlDatabase.ts";
import { SiloError } from "../errors/siloError.ts";
import { buildExportContent } from "./buildExportContent.ts";
import type { ExportStorage } from "./exportStorage.ts";
import { type ExportJob, type ExportResource, exportStore } from "./exportStore.ts";
import { jobErrorOf } from "./jobState.ts";

/** What {@link runExport} needs. */
export interface RunExportArgs {
  readonly db: SqlDatabase;
  readonly tenant: RuntimeTenant;
  readonly storage: ExportStorage;
  readonly resources: readonly ExportResource[];
  /** The token subject who asked for it. */
  readonly requestedBy: string;
  /** Quoted in the job's error when it fails unexpectedly. */
  readonly requestId: string;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * Creates an export job and runs it to the end, inline: `pending`, `running`, then `succeeded` with the
 * file in `storage`, or `failed` with the error's code and message. Each state is committed as it is
 * reached, so a poller sees the same states a queued job would pass through; a queue and a worker can
 * replace the inline run later without changing the API (the POST already answers 202 with the job).
 *
 * A kit error (e.g. the storage or database unavailable) is recorded on the job, which is returned as
 * failed. Any other error is recorded with the request id and thrown again, so it is logged and answered
 * as an internal error instead of being hidden in a job row.
 *
 * @example
 * const job = await runExport({ db, tenant, storage, resources: ["templates"], requestedBy, requestId });
 */
export async function runExport(args: RunExportArgs): Promise<ExportJob> {
  const now = args.now ?? (() => new Date());
  const created = await exportStore.create(args.db, {
    resources: args.resources,
    requestedBy: args.requestedBy,
  });
  try {
    await exportStore.markRunning(args.db, created.id);
    const content = await buildExportContent(args.db, args.tenant, {
      exportId: created.id,
      resources: created.resources,
      createdAt: created.createdAt,
    });
    const download = await args.storage.put(created.id, content);
    await exportStore.markSucceeded(args.db, created.id, download);
  } catch (error) {
    await exportStore.markFailed(args.db, created.id, jobErrorOf(error, "EXPORT_FAILED", args.requestId));
    if (!(error instanceof SiloError)) throw error;
  }
  return exportStore.get(args.db, created.id, now());
}
