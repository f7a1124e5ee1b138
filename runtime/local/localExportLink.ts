import { createHmac, timingSafeEqual } from "node:crypto";

/** The path under the local gateway where export files too large for one API response are served. */
export const localExportPathPrefix = "/_exports/";

/** A tenant's own link-signing key, derived from the platform's: a tenant process can sign only its own links. */
export function tenantExportLinkKey(platformKey: Buffer, tenantId: string): Buffer {
  return createHmac("sha256", platformKey).update(`silo-export-links:${tenantId}`).digest();
}

function signatureOf(key: Buffer, tenantId: string, exportId: string, expiresSeconds: number): string {
  return createHmac("sha256", key).update(`${tenantId}/${exportId}/${expiresSeconds}`).digest("hex");
}

/**
 * The local stand-in for an S3 pre-signed GET: `<gateway>/_exports/<tenant>/<exportId>.jsonl?expires=<unix
 * seconds>&signature=<HMAC-SHA256>`, signed with the tenant's link key ({@link tenantExportLinkKey}).
 *
 * @example
 * const url = signLocalExportLink({ gatewayUrl, tenantId: "acme", exportId, expiresAt, key });
 */
export function signLocalExportLink(args: {
  readonly gatewayUrl: string;
  readonly tenantId: string;
  readonly exportId: string;
  readonly expiresAt: Date;
  readonly key: Buffer;
}): string {
  const expires = Math.floor(args.expiresAt.getTime() / 1000);
  const signature = signatureOf(args.key, args.tenantId, args.exportId, expires);
  return `${args.gatewayUrl.replace(/\/$/, "")}${localExportPathPrefix}${args.tenantId}/${args.exportId}.jsonl?expires=${expires}&signature=${signature}`;
}

/**
 * Checks a local export link's path and query (as the gateway received them) against the platform key:
 * the tenant and export it names when the signature holds and it has not expired, else why not.
 */
export function verifyLocalExportLink(
  url: URL,
  platformKey: Buffer,
  now: Date,
):
  | { readonly ok: true; readonly tenantId: string; readonly exportId: string }
  | { readonly ok: false; readonly status: 403 | 404; readonly reason: string } {
  const match = /^\/_exports\/([a-z0-9-]+)\/([0-9a-f-]{36})\.jsonl$/.exec(url.pathname);
  if (match === null) return { ok: false, status: 404, reason: "no such export file" };
  const [, tenantId = "", exportId = ""] = match;
  const expires = Number(url.searchParams.get("expires"));
  const given = Buffer.from(url.searchParams.get("signature") ?? "", "hex");
  const expected = Buffer.from(
    signatureOf(tenantExportLinkKey(platformKey, tenantId), tenantId, exportId, expires),
    "hex",
  );
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 403, reason: "the link's signature does not match" };
  }
  if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) {
    return {
      ok: false,
      status: 403,
      reason: "the link has expired; get a new one from GET /v1/exports/{exportId}/download",
    };
  }
  return { ok: true, tenantId, exportId };
}
