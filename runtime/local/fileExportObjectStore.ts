import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ExportObjectStore } from "../core/jobs/exportObjectStore.ts";
import { signLocalExportLink } from "./localExportLink.ts";

/** Arguments of {@link fileExportObjectStore}. */
export interface FileExportObjectStoreArgs {
  /** The tenant's export folder: `<data dir>/exports/<tenant>`. */
  readonly dir: string;
  /** The local gateway, which serves the links. */
  readonly gatewayUrl: string;
  readonly tenantId: string;
  /** The tenant's link key (tenantExportLinkKey). */
  readonly linkKey: Buffer;
}

/**
 * The local platform's {@link ExportObjectStore}: files in the tenant's export folder (readable by the
 * platform's user only), links signed like S3's pre-signed GETs and served by the gateway.
 *
 * @example
 * const objects = fileExportObjectStore({ dir, gatewayUrl, tenantId: "acme", linkKey });
 */
export function fileExportObjectStore(args: FileExportObjectStoreArgs): ExportObjectStore {
  return {
    async put(exportId, content) {
      await mkdir(args.dir, { recursive: true, mode: 0o700 });
      await writeFile(join(args.dir, `${exportId}.jsonl`), content, { mode: 0o600 });
    },
    async linkFor(exportId, expiresAt) {
      return signLocalExportLink({
        gatewayUrl: args.gatewayUrl,
        tenantId: args.tenantId,
        exportId,
        expiresAt,
        key: args.linkKey,
      });
    },
  };
}

/** A tenant's export folder under the local platform's data dir. */
export function localExportDir(dataDir: string, tenantId: string): string {
  return join(dataDir, "exports", tenantId);
}
