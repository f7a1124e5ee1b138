/** Where a finished export can be fetched, as `download` of the export job. */
export interface ExportDownload {
  /**
   * Where to fetch the file, until `expiresAt`: the tenant API's `GET /v1/exports/{exportId}/download`, or,
   * for a file over `maxExportDownloadBytes`, a pre-signed link to the tenant's export bucket.
   */
  readonly url: string;
  readonly expiresAt: string;
  readonly sizeBytes: number;
  /** Hex SHA-256 of the stored bytes, so a client can check its download. */
  readonly sha256: string;
}

/**
 * The largest export file the API returns. The download route answers from the admin Lambda, whose
 * synchronous response is at most 6 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html),
 * and a file goes base64-encoded (4 bytes for every 3): 4 MiB of file is 5.6 MB on the wire, with room left
 * for the headers.
 */
export const maxExportDownloadBytes = 4 * 1024 * 1024;

/**
 * Keeps a finished export's file and hands out a link to it. {@link databaseExportStorage} keeps it in the
 * tenant's own database and links to the API's download route; {@link tieredExportStorage} (the default in
 * AWS and locally) sends files over `maxExportDownloadBytes` to an object store and links to them directly.
 */
export interface ExportStorage {
  put(exportId: string, content: Buffer): Promise<ExportDownload>;
  /** The stored file of a succeeded export whose link has not expired; undefined otherwise. */
  read(exportId: string): Promise<Buffer | undefined>;
  /** A fresh direct link to a file kept outside the API (the download route redirects to it); else undefined. */
  linkFor?(exportId: string, download: ExportDownload): Promise<string | undefined>;
}
