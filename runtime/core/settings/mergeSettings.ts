import type { TenantConfig } from "../../../tenants/schema.ts";
import { SettingRefusedError } from "./settingRefusedError.ts";
import type { SettingsChange, StoredSettings } from "./settingsTypes.ts";

/**
 * The stored settings after `change`: the fields it names replace the stored ones (`systemPrompt: null`
 * removes the prompt), the others are kept, so a setting never changed through the API keeps following
 * the tenant file. Refuses, with SETTING_REFUSED naming the allowed keys, a default model that is not in
 * the tenant's allowlist.
 *
 * @example
 * mergeSettings(tenant, null, { defaultModel: "nova-lite" });
 * // { defaultModel: "nova-lite", systemPrompt: null, dataRetentionDays: null }
 */
export function mergeSettings(
  tenant: Pick<TenantConfig, "id" | "models">,
  stored: StoredSettings | null,
  change: SettingsChange,
): StoredSettings {
  if (change.defaultModel !== undefined) {
    // Only a chat model can answer when a request names none; embedding models are not candidates.
    const allowed = tenant.models.allowlist
      .filter((model) => model.type === "chat")
      .map((model) => model.key);
    if (!allowed.includes(change.defaultModel)) {
      const listed = tenant.models.allowlist.some((model) => model.key === change.defaultModel);
      const problem = listed
        ? "is an embedding model; the default must be a chat model"
        : "is not in this tenant's model allowlist";
      throw new SettingRefusedError(
        `defaultModel "${change.defaultModel}" ${problem}; use one of: ${allowed.join(", ")} (the allowlist is set in tenants/${tenant.id}.yaml)`,
      );
    }
  }
  return {
    defaultModel: change.defaultModel ?? stored?.defaultModel ?? null,
    systemPrompt: change.systemPrompt !== undefined ? change.systemPrompt : (stored?.systemPrompt ?? null),
    dataRetentionDays: change.dataRetentionDays ?? stored?.dataRetentionDays ?? null,
  };
}
