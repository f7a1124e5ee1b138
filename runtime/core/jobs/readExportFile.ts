import { createHash } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { ExportNotDownloadableError, ExportTooLargeError } from "./exportErrors.ts";
import { type ExportDownload, type ExportStorage, maxExportDownloadBytes } from "./exportStorage.ts";
import { exportStore } from "./exportStore.ts";

/** What {@link readExportFile} needs. */
export interface ReadExportFileArgs {
  readonly db: SqlExecutor;
  readonly storage: ExportStorage;
  readonly exportId: string;
  /** Decides whether the download link has expired. */
  readonly now: Date;
}

/**
 * A finished export's file, with the download its job reports; for a file kept outside the API (over
 * `maxExportDownloadBytes`, in the tenant's export bucket), a fresh direct link to it instead. Fails with `NOT_FOUND` for an export the
 * tenant does not have, `EXPORT_NOT_DOWNLOADABLE` while it is pending or running, when it failed or once its
 * link expired, and `EXPORT_TOO_LARGE` for a file over `maxExportDownloadBytes`. The file's SHA-256 is
 * checked against the job's, so what is served is what the job promised (a mismatch is a fault, not a 4xx).
 *
 * @example
 * const { content, download } = await readExportFile({ db, storage, exportId, now: new Date() });
 */
export async function readExportFile(
  args: ReadExportFileArgs,
): Promise<{ content: Buffer; download: ExportDownload } | { link: string; download: ExportDownload }> {
  const job = await exportStore.get(args.db, args.exportId, args.now);
  if (job.status !== "succeeded" || job.download === null) throw new ExportNotDownloadableError(job);
  const link = await args.storage.linkFor?.(job.id, job.download);
  if (link !== undefined) return { link, download: job.download };
  const content = await args.storage.read(job.id);
  if (content === undefined) throw new ExportNotDownloadableError(job);
  if (content.length > maxExportDownloadBytes) {
    throw new ExportTooLargeError(job.id, content.length, maxExportDownloadBytes);
  }
  const sha256 = createHash("sha256").update(content).digest("hex");
  if (sha256 !== job.download.sha256) {
    throw new Error(
      `export ${job.id}: the stored file has SHA-256 ${sha256}, but the job recorded ${job.download.sha256}`,
    );
  }
  return { content, download: job.download };
}
