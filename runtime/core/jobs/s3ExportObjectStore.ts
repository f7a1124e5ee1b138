import type { S3Client } from "@aws-sdk/client-s3";
import type { ExportObjectStore } from "./exportObjectStore.ts";

/** Arguments of {@link s3ExportObjectStore}. */
export interface S3ExportObjectStoreArgs {
  /** The tenant's export bucket (components/exports/tenantExportBucket.ts). */
  readonly bucket: string;
  /** The tenant key the objects are encrypted with (SSE-KMS). */
  readonly kmsKeyId: string;
  /** The prefix the tenant's role may write under. @default "exports/" */
  readonly prefix?: string;
  /** @default a client in the Lambda's Region */
  readonly client?: S3Client;
}

/** S3 caps a pre-signed link made with a role's credentials at 7 days (SigV4), and at the session's expiry. */
const maxLinkSeconds = 7 * 24 * 60 * 60;

/**
 * Export files in the tenant's own S3 bucket, encrypted with the tenant's key, handed out as pre-signed GETs.
 * The link is signed with the Lambda role's credentials, so it stops working when they expire (at most the
 * session's lifetime); the API's download route signs a fresh one on every call.
 *
 * @example
 * const objects = s3ExportObjectStore({ bucket: "silo-acme-exports-1a2b", kmsKeyId: keyArn });
 * await objects.put(exportId, content);
 * const url = await objects.linkFor(exportId, new Date(Date.now() + 3600_000));
 */
export function s3ExportObjectStore(args: S3ExportObjectStoreArgs): ExportObjectStore {
  // The S3 SDK is loaded on the first export, not at cold start: loading it took a third of a tenant
  // handler bundle's load time (about 60 ms), on every cold start of every tenant Lambda.
  let loaded: Promise<Sdk> | undefined;
  const load = () => {
    loaded ??= (async () => {
      const [s3, presigner] = await Promise.all([
        import("@aws-sdk/client-s3"),
        import("@aws-sdk/s3-request-presigner"),
      ]);
      return { s3, presigner, client: args.client ?? new s3.S3Client({}) };
    })();
    return loaded;
  };
  const keyOf = (exportId: string) => `${args.prefix ?? "exports/"}${exportId}.jsonl`;
  return {
    async put(exportId, content) {
      const { s3, client } = await load();
      await client.send(
        new s3.PutObjectCommand({
          Bucket: args.bucket,
          Key: keyOf(exportId),
          Body: content,
          ContentType: "application/jsonl",
          ServerSideEncryption: "aws:kms",
          SSEKMSKeyId: args.kmsKeyId,
          BucketKeyEnabled: true,
        }),
      );
    },
    async linkFor(exportId, expiresAt) {
      const { s3, presigner, client } = await load();
      const seconds = Math.ceil((expiresAt.getTime() - Date.now()) / 1000);
      return presigner.getSignedUrl(
        client,
        new s3.GetObjectCommand({
          Bucket: args.bucket,
          Key: keyOf(exportId),
          ResponseContentDisposition: `attachment; filename="export-${exportId}.jsonl"`,
        }),
        { expiresIn: Math.max(1, Math.min(seconds, maxLinkSeconds)) },
      );
    },
  };
}

/** The S3 SDK modules and the client, once loaded. */
interface Sdk {
  readonly s3: typeof import("@aws-sdk/client-s3");
  readonly presigner: typeof import("@aws-sdk/s3-request-presigner");
  readonly client: S3Client;
}
