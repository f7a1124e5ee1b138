import * as z from "zod";
import { exportResources } from "../../core/jobs/exportResources.ts";
import { resourceId, timestamp } from "./common.ts";
import type { FileResponse } from "./fileResponse.ts";
import { jobFields } from "./jobs.ts";
import { pageOf, pageQuery } from "./pagination.ts";

/** Path parameters of `GET /v1/exports/{exportId}` and `GET /v1/exports/{exportId}/download`. */
export const exportPathParams = z.strictObject({
  exportId: resourceId.describe("The export's id"),
});

/** Body of `POST /v1/exports`; `{}` exports everything. */
export const createExportBody = z
  .strictObject({
    resources: z
      .array(z.enum(exportResources))
      .min(1, "must name at least one resource; omit it to export everything")
      .max(exportResources.length)
      .refine((resources) => new Set(resources).size === resources.length, {
        message: "names a resource twice; list each once",
      })
      .optional()
      .describe("What to export; defaults to everything"),
  })
  .meta({ id: "CreateExportRequest" });

/** The media type of an export file: JSON Lines, UTF-8, one JSON object per line. */
export const exportFileMediaType = "application/jsonl";

/** What `GET /v1/exports/{exportId}/download` answers: the file, with headers to name and check it. */
export const exportFileResponse: FileResponse = {
  mediaType: exportFileMediaType,
  description:
    "The export file: JSON Lines, a `manifest` line first, then one line per record. Up to 4 MiB (one API response); a larger file is in the tenant's export bucket, and this route answers 303 with a fresh pre-signed link",
  redirect:
    "The file is larger than one API response (4 MiB): `Location` is a pre-signed link to it in the tenant's export bucket, fetched without a token; the body is `{url, expiresAt}`",
  headers: {
    "Content-Disposition": 'attachment; filename="<tenantId>-export-<exportId>.jsonl"',
    ETag: "The file's hex SHA-256 in quotes: the export's `download.sha256`",
    "Repr-Digest": "The file's SHA-256 as RFC 9530 `sha-256=:<base64>:`",
  },
};

// The local platform serves downloads over plain http on the loopback interface; nothing else may.
const loopbackHttp = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/** Where to fetch a finished export: a short-lived link to a JSON Lines file, one record per line. */
export const exportDownloadSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .refine((url) => url.startsWith("https:") || loopbackHttp.test(url), {
        message: "must be https; plain http only for the local platform on 127.0.0.1",
      })
      .describe(
        "Where to download the file: GET /v1/exports/{exportId}/download on this API, with a token with scope data:export; for a file over 4 MiB, a pre-signed link to the tenant's export bucket, without a token. https, except from the local platform (http on 127.0.0.1)",
      ),
    expiresAt: timestamp,
    sizeBytes: z.int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: "ExportDownload" });

/** An export of the tenant's data: an asynchronous job. */
export const exportJobSchema = z
  .strictObject({
    id: resourceId,
    resources: z.array(z.enum(exportResources)),
    ...jobFields,
    download: exportDownloadSchema
      .nullable()
      .describe("Set once status is succeeded, until the link expires"),
  })
  .meta({ id: "Export" });

/** Query of `GET /v1/exports`. */
export const listExportsQuery = pageQuery;

/** A page of exports, newest first. */
export const exportPageSchema = pageOf(exportJobSchema).meta({ id: "ExportPage" });
