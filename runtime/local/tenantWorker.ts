/**
 * Entry of a tenant's process on the local platform: one process per tenant, started with only that
 * tenant's environment (its config) and its own secrets file (`SILO_LOCAL_SECRETS_FILE`: its database and
 * ledger credentials), running the same handler code as its Lambdas. The gateway sends
 * `{ id, group, event }` over IPC and gets `{ id, result }` back.
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
const options = {
  ...(secretsFile ? { secrets: createFileSecretSource(secretsFile) } : {}),
  log: (entry: Record<string, unknown>) => process.send?.({ log: entry }),
};
const handlers = {
  chat: await createTenantHandler("chat", process.env, options),
  data: await createTenantHandler("data", process.env, options),
  admin: await createTenantHandler("admin", process.env, options),
};

process.on("message", async (message: Invocation) => {
  try {
    const result = await handlers[message.group](message.event);
    process.send?.({ id: message.id, result });
  } catch (error) {
    process.send?.({ id: message.id, error: (error as Error).message });
  }
});

process.on("disconnect", async () => {
  for (const handler of Object.values(handlers)) await handler.close().catch(() => undefined);
  process.exit(0);
});

process.send?.({ ready: true });
