import type { RuntimeTenant } from "../../../tenants/schema.ts";
import { listAuditEvents } from "../audit/listAuditEvents.ts";
import { conversationStore } from "../conversations/conversationStore.ts";
import { messageStore } from "../conversations/messageStore.ts";
import type { SqlDatabase } from "../db/sqlDatabase.ts";
import { resolveSettings } from "../settings/resolveSettings.ts";
import { settingsStore } from "../settings/settingsStore.ts";
import { templateStore } from "../templates/templateStore.ts";
import { exportResources } from "./exportResources.ts";
import type { ExportResource } from "./exportStore.ts";

/** What the export of {@link buildExportContent} is. */
export interface ExportManifest {
  readonly exportId: string;
  readonly tenantId: string;
  readonly createdAt: string;
  readonly resources: readonly ExportResource[];
  /** Anything a reader must know to trust the file, e.g. a resource that is empty by design. */
  readonly notes: readonly string[];
}

/** Rows read per query; bounds memory per page, not per export. */
const batchSize = 500;

/** Why `usage` exports nothing yet: said in the file itself, so an empty section is not read as no usage. */
export const usageNotYetExportedNote =
  "usage: the usage ledger is not part of this export yet; no usage records are included";

async function* everyPage<Item>(
  fetchPage: (cursor: string | undefined) => Promise<{ data: Item[]; nextCursor: string | null }>,
): AsyncGenerator<Item> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * The tenant's data as JSON Lines (UTF-8, one JSON object per line, each with a `type`): first a
 * `manifest`, then the requested resources in the order of `exportResources` (`conversation`, `message`
 * grouped by conversation and oldest first, `template`, `settings`, `auditEvent`), each in its API shape.
 * Read in one read-only, repeatable-read transaction: a consistent snapshot even while the tenant works.
 *
 * `usage` is accepted but yields no records until the usage ledger is built; the manifest says so.
 *
 * @example
 * const file = await buildExportContent(db, tenant, { exportId, resources: ["templates"], createdAt });
 */
export async function buildExportContent(
  db: SqlDatabase,
  tenant: RuntimeTenant,
  job: {
    readonly exportId: string;
    readonly resources: readonly ExportResource[];
    readonly createdAt: string;
  },
): Promise<Buffer> {
  const resources = exportResources.filter((resource) => job.resources.includes(resource));
  const manifest: ExportManifest = {
    exportId: job.exportId,
    tenantId: tenant.id,
    createdAt: job.createdAt,
    resources,
    notes: resources.includes("usage") ? [usageNotYetExportedNote] : [],
  };
  const lines: string[] = [JSON.stringify({ type: "manifest", data: manifest })];
  const write = (type: string, data: unknown) => lines.push(JSON.stringify({ type, data }));

  await db.transaction(async (snapshot) => {
    await snapshot.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const conversations = () =>
      everyPage((cursor) => conversationStore.list(snapshot, { limit: batchSize, cursor }));
    if (resources.includes("conversations")) {
      for await (const conversation of conversations()) write("conversation", conversation);
    }
    if (resources.includes("messages")) {
      for await (const conversation of conversations()) {
        const messages = everyPage((cursor) =>
          messageStore.list(snapshot, conversation.id, { limit: batchSize, cursor }),
        );
        for await (const message of messages) write("message", message);
      }
    }
    if (resources.includes("templates")) {
      const templates = everyPage((cursor) => templateStore.list(snapshot, { limit: batchSize, cursor }));
      for await (const template of templates) write("template", template);
    }
    if (resources.includes("settings")) {
      const record = await settingsStore.read(snapshot);
      write("settings", { ...resolveSettings(tenant, record.stored), updatedAt: record.updatedAt });
    }
    if (resources.includes("audit")) {
      const events = everyPage((cursor) => listAuditEvents(snapshot, { limit: batchSize, cursor }));
      for await (const event of events) write("auditEvent", event);
    }
  });
  return Buffer.from(`${lines.join("\n")}\n`, "utf8");
}
