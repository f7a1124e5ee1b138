import { createHash } from "node:crypto";
import type { SqlExecutor } from "../db/sqlDatabase.ts";
import { ExportTooLargeError } from "./exportErrors.ts";
import { type ExportDownload, type ExportStorage, maxExportDownloadBytes } from "./exportStorage.ts";

/** Arguments of {@link databaseExportStorage}. */
export interface DatabaseExportStorageArgs {
  /** The tenant's database; the file goes into `data_exports.content` of the export's row. */
  readonly db: SqlExecutor;
  /**
   * The link that serves an export's file: the tenant API's download route, e.g.
   * `https://api.example.com/acme-health/v1/exports/<id>/download`.
   */
  readonly downloadUrlFor: (exportId: string) => string;
  /** How long a link stays valid. @default 24 hours */
  readonly linkTtlSeconds?: number;
  /**
   * Largest file kept; a larger export fails with `EXPORT_TOO_LARGE`, since the API could not return it.
   * @default maxExportDownloadBytes (4 MiB)
   */
  readonly maxFileBytes?: number;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** Export links last a day by default: long enough to come back for a finished export, short enough to leak little. */
export const defaultExportLinkTtlSeconds = 24 * 60 * 60;

/**
 * Keeps export files in the tenant's own database (encrypted at rest with the tenant's key, like the data
 * they copy) and builds their links with the injected `downloadUrlFor`; the API's download route reads them
 * back. Files are bounded by what one API response can carry (`maxExportDownloadBytes`), so this suits the
 * local platform and small tenants; large exports belong in S3 behind the same {@link ExportStorage} interface.
 *
 * @example
 * const storage = databaseExportStorage({ db, downloadUrlFor: (id) => `${apiUrl}/v1/exports/${id}/download` });
 * const { url, sha256 } = await storage.put(exportId, Buffer.from(lines));
 */
export function databaseExportStorage(args: DatabaseExportStorageArgs): ExportStorage {
  const now = args.now ?? (() => new Date());
  const ttlSeconds = args.linkTtlSeconds ?? defaultExportLinkTtlSeconds;
  const maxFileBytes = args.maxFileBytes ?? maxExportDownloadBytes;
  return {
    async put(exportId: string, content: Buffer): Promise<ExportDownload> {
      if (content.length > maxFileBytes)
        throw new ExportTooLargeError(exportId, content.length, maxFileBytes);
      const { rowCount } = await args.db.query("UPDATE data_exports SET content = $2 WHERE id = $1", [
        exportId,
        content,
      ]);
      if (rowCount === 0) throw new Error(`no data_exports row ${exportId} to store the export file in`);
      return {
        url: args.downloadUrlFor(exportId),
        expiresAt: new Date(now().getTime() + ttlSeconds * 1000).toISOString(),
        sizeBytes: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
      };
    },

    async read(exportId: string): Promise<Buffer | undefined> {
      const { rows } = await args.db.query<{ content: Buffer | null }>(
        `SELECT content FROM data_exports
         WHERE id = $1 AND status = 'succeeded' AND download_expires_at > $2::timestamptz`,
        [exportId, now().toISOString()],
      );
      return rows[0]?.content ?? undefined;
    },
  };
}
