import { mergeSettings } from "../../core/settings/mergeSettings.ts";
import { resolveSettings } from "../../core/settings/resolveSettings.ts";
import { type SettingsRecord, settingsStore } from "../../core/settings/settingsStore.ts";
import { type ApiRoute, defineRoute } from "../defineRoute.ts";
import * as settings from "../schemas/settings.ts";
import type { OperationDeps } from "./operationDeps.ts";

/**
 * The tenant's settings. Until an admin changes one, each follows the tenant file (`models.defaultModel`,
 * `dataRetentionDays`; no system prompt); a change is stored in the tenant's database and wins from then on.
 */
export const settingsRoutes: readonly ApiRoute<OperationDeps>[] = [
  defineRoute({
    method: "GET",
    path: "/v1/settings",
    operationId: "getSettings",
    scope: "settings:read",
    group: "data",
    summary: "Get the tenant's settings",
    response: { status: 200, schema: settings.settingsSchema },
    async handler(_input, { db, tenant }: OperationDeps) {
      return { body: settingsBody(tenant, await settingsStore.read(db)) };
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/v1/settings",
    operationId: "updateSettings",
    scope: "settings:write",
    group: "data",
    summary: "Change the default model, system prompt or retention",
    body: settings.updateSettingsBody,
    response: { status: 200, schema: settings.settingsSchema },
    async handler({ body, context }, { db, tenant }: OperationDeps) {
      const record = await db.transaction(async (transaction) => {
        const current = await settingsStore.readForUpdate(transaction);
        const next = mergeSettings(tenant, current.stored, body);
        return settingsStore.write(transaction, next, context.subject);
      });
      return { body: settingsBody(tenant, record), resource: "settings" };
    },
  }),
];

function settingsBody(tenant: OperationDeps["tenant"], record: SettingsRecord) {
  return { ...resolveSettings(tenant, record.stored), updatedAt: record.updatedAt };
}
