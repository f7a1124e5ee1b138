import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { localExportDir } from "./fileExportObjectStore.ts";
import { verifyLocalExportLink } from "./localExportLink.ts";

/**
 * Answers a local export link as S3 answers a pre-signed GET: the file, streamed, when the signature holds
 * and the link has not expired; 403 otherwise, 404 for a file that is not there. No token: the link is the
 * credential, as a pre-signed URL is.
 *
 * @example
 * if (url.pathname.startsWith(localExportPathPrefix)) return serveLocalExport({ url, response, dataDir, platformKey });
 */
export async function serveLocalExport(args: {
  readonly url: URL;
  readonly response: ServerResponse;
  readonly dataDir: string;
  readonly platformKey: Buffer;
  readonly now?: Date;
}): Promise<void> {
  const { response } = args;
  const verdict = verifyLocalExportLink(args.url, args.platformKey, args.now ?? new Date());
  const refuse = (status: number, reason: string) =>
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: reason }));
  if (!verdict.ok) return void refuse(verdict.status, verdict.reason);
  const file = join(localExportDir(args.dataDir, verdict.tenantId), `${verdict.exportId}.jsonl`);
  const size = await stat(file).then(
    (found) => found.size,
    () => undefined,
  );
  if (size === undefined) return void refuse(404, "no such export file");
  response.writeHead(200, {
    "content-type": "application/jsonl",
    "content-length": String(size),
    "content-disposition": `attachment; filename="${verdict.tenantId}-export-${verdict.exportId}.jsonl"`,
    "cache-control": "private, no-store",
  });
  await pipeline(createReadStream(file), response);
}
