/**
 * Entry of a tenant's process on the local platform: one process per tenant, started with only that
 * tenant's environment (its config) and its own secrets file (`SILO_LOCAL_SECRETS_FILE`: its database and
 * ledger credentials), running the same handler code as its Lambdas, served over IPC by
 * {@link serveTenantInvocations} (a whole result in one message, a stream chunk by chunk).
 *
 * Log lines ride on the next answer message, or on one message of their own at the end of the current
 * turn of the event loop when no answer is due: each IPC message is a write that wakes the gateway, which
 * on a 2-core VM cost more than the rest of the message's handling.
 */
import { createTenantHandler } from "../api/handlers/createTenantHandler.ts";
import { fileExportObjectStore } from "./fileExportObjectStore.ts";
import { createFileSecretSource } from "./fileSecretSource.ts";
import { serveTenantInvocations, type WorkerChannel } from "./serveTenantInvocations.ts";

// One source for the three groups: a rotation refused in one group is re-read for all of them.
const secretsFile = process.env.SILO_LOCAL_SECRETS_FILE;
let pendingLogs: Record<string, unknown>[] = [];
const takeLogs = () => {
  const logs = pendingLogs;
  pendingLogs = [];
  return logs;
};
const flushLogs = () => {
  if (pendingLogs.length > 0) process.send?.({ logs: takeLogs() });
};
// Large exports go to the tenant's export folder, linked through the gateway (S3 and pre-signed GETs in AWS).
const exportDir = process.env.SILO_LOCAL_EXPORT_DIR;
const exportLinkKey = process.env.SILO_LOCAL_EXPORT_LINK_KEY;
const gatewayUrl = process.env.SILO_LOCAL_GATEWAY_URL;
const options = {
  ...(secretsFile ? { secrets: createFileSecretSource(secretsFile) } : {}),
  ...(exportDir && exportLinkKey && gatewayUrl
    ? {
        exportObjects: fileExportObjectStore({
          dir: exportDir,
          gatewayUrl,
          tenantId: process.env.SILO_TENANT_ID ?? "",
          linkKey: Buffer.from(exportLinkKey, "hex"),
        }),
      }
    : {}),
  log: (entry: Record<string, unknown>) => {
    if (pendingLogs.push(entry) === 1) setImmediate(flushLogs);
  },
};
const handlers = {
  chat: await createTenantHandler("chat", process.env, options),
  data: await createTenantHandler("data", process.env, options),
  admin: await createTenantHandler("admin", process.env, options),
};

serveTenantInvocations({ handlers, channel: process as unknown as WorkerChannel, takeLogs });

process.on("disconnect", async () => {
  for (const handler of Object.values(handlers)) await handler.close().catch(() => undefined);
  process.exit(0);
});

process.send?.({ ready: true });
