/**
 * Entry of a tenant's process on the local platform: one process per tenant, started with only that
 * tenant's environment (its config) and its own secrets file (`SILO_LOCAL_SECRETS_FILE`: its database and
 * ledger credentials), running the same handler code as its Lambdas. The gateway sends
 * `{ id, group, event }` over IPC and gets `{ id, result, logs }` back.
 *
 * Log lines ride on the next result message, or on one message of their own at the end of the current
 * turn of the event loop when no result is due: each IPC message is a write that wakes the gateway, which
 * on a 2-core VM cost more than the rest of the message's handling.
 */
import type { TenantApiEvent } from "../api/createGroupHandler.ts";
import { createTenantHandler } from "../api/handlers/createTenantHandler.ts";
import type { HandlerGroup } from "../api/routes.ts";
import { createFileSecretSource } from "./fileSecretSource.ts";

interface Invocation {
  readonly id: number;
  readonly group: HandlerGroup;
  readonly event: TenantApiEvent;
}

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
const options = {
  ...(secretsFile ? { secrets: createFileSecretSource(secretsFile) } : {}),
  log: (entry: Record<string, unknown>) => {
    if (pendingLogs.push(entry) === 1) setImmediate(flushLogs);
  },
};
const handlers = {
  chat: await createTenantHandler("chat", process.env, options),
  data: await createTenantHandler("data", process.env, options),
  admin: await createTenantHandler("admin", process.env, options),
};

process.on("message", async (message: Invocation) => {
  try {
    const result = await handlers[message.group](message.event);
    process.send?.({ id: message.id, result, logs: takeLogs() });
  } catch (error) {
    process.send?.({ id: message.id, error: (error as Error).message, logs: takeLogs() });
  }
});

process.on("disconnect", async () => {
  for (const handler of Object.values(handlers)) await handler.close().catch(() => undefined);
  process.exit(0);
});

process.send?.({ ready: true });
