/**
 * Where export files too large for one API response are kept, and how a link to one is made: the tenant's
 * own encrypted S3 location and a pre-signed GET ({@link s3ExportObjectStore}, the default in AWS), or a
 * folder and an HMAC-signed local link on the local platform (runtime/local/fileExportObjectStore.ts).
 */
export interface ExportObjectStore {
  /** Stores `content` as the file of export `exportId`. */
  put(exportId: string, content: Buffer): Promise<void>;
  /** A link that fetches the file with a plain GET, no token, until `expiresAt`. */
  linkFor(exportId: string, expiresAt: Date): Promise<string>;
}
