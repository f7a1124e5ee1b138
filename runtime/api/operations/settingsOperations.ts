import { mergeSettings } from "../../core/settings/mergeSettings.ts";
import { resolveSettings } from "../../core/settings/resolveSettings.ts";
import { type SettingsRecord, settingsStore } from "../../core/settings/settingsStore.ts";
import type { SettingsChange } from "../../core/settings/settingsTypes.ts";
import type { OperationTable } from "../operation.ts";
import type { OperationDeps } from "./operationDeps.ts";

/**
 * The tenant's settings. Until an admin changes one, each follows the tenant file (`models.defaultModel`,
 * `dataRetentionDays`; no system prompt); a change is stored in the tenant's database and wins from then on.
 */
export const settingsOperations: OperationTable<OperationDeps> = {
  async getSettings(_input, { db, tenant }) {
    return { body: settingsBody(tenant, await settingsStore.read(db)) };
  },

  async updateSettings({ body, context }, { db, tenant }) {
    const record = await db.transaction(async (transaction) => {
      const current = await settingsStore.readForUpdate(transaction);
      const next = mergeSettings(tenant, current.stored, body as SettingsChange);
      return settingsStore.write(transaction, next, context.subject);
    });
    return { body: settingsBody(tenant, record), resource: "settings" };
  },
};

function settingsBody(tenant: OperationDeps["tenant"], record: SettingsRecord) {
  return { ...resolveSettings(tenant, record.stored), updatedAt: record.updatedAt };
}
