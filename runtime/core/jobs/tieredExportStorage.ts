import { createHash } from "node:crypto";
import {
  type DatabaseExportStorageArgs,
  databaseExportStorage,
  defaultExportLinkTtlSeconds,
} from "./databaseExportStorage.ts";
import type { ExportObjectStore } from "./exportObjectStore.ts";
import { type ExportStorage, maxExportDownloadBytes } from "./exportStorage.ts";

/** Arguments of {@link tieredExportStorage}: the database storage's, and where large files go. */
export interface TieredExportStorageArgs extends Omit<DatabaseExportStorageArgs, "maxFileBytes"> {
  readonly objects: ExportObjectStore;
}

/**
 * Export files of any size: up to `maxExportDownloadBytes` in the tenant's database, served by the API's
 * download route as before; larger ones in `objects` (the tenant's encrypted S3 location), where the job's
 * `download.url` is a pre-signed link and the download route answers 303 to a fresh one.
 *
 * @example
 * const storage = tieredExportStorage({ db, downloadUrlFor, objects: s3ExportObjectStore({ bucket, kmsKeyId }) });
 */
export function tieredExportStorage(args: TieredExportStorageArgs): ExportStorage {
  const now = args.now ?? (() => new Date());
  const ttlSeconds = args.linkTtlSeconds ?? defaultExportLinkTtlSeconds;
  const small = databaseExportStorage({ ...args, maxFileBytes: maxExportDownloadBytes });
  return {
    async put(exportId, content) {
      if (content.length <= maxExportDownloadBytes) return small.put(exportId, content);
      await args.objects.put(exportId, content);
      const expiresAt = new Date(now().getTime() + ttlSeconds * 1000);
      return {
        url: await args.objects.linkFor(exportId, expiresAt),
        expiresAt: expiresAt.toISOString(),
        sizeBytes: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
      };
    },
    read: (exportId) => small.read(exportId),
    linkFor: (exportId, download) =>
      download.sizeBytes > maxExportDownloadBytes
        ? args.objects.linkFor(exportId, new Date(download.expiresAt))
        : Promise.resolve(undefined),
  };
}
