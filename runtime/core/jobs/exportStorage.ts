/** Where a finished export can be fetched, as `download` of the export job. */
export interface ExportDownload {
  /** A link anyone holding it can read the export with, until `expiresAt`. */
  readonly url: string;
  readonly expiresAt: string;
  readonly sizeBytes: number;
  /** Hex SHA-256 of the stored bytes, so a client can check its download. */
  readonly sha256: string;
}

/**
 * Keeps a finished export's file and hands out a link to it. The default, {@link databaseExportStorage},
 * keeps it in the tenant's own database; an S3 implementation (a bucket encrypted with the tenant's key,
 * a pre-signed GET) can replace it without touching the export job.
 */
export interface ExportStorage {
  put(exportId: string, content: Buffer): Promise<ExportDownload>;
}
