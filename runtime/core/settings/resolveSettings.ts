import type { TenantConfig } from "../../../tenants/schema.ts";
import type { EffectiveSettings, StoredSettings } from "./settingsTypes.ts";

/**
 * The settings in force for a tenant: each stored value, or the tenant file's where none is stored
 * (`models.defaultModel`, `dataRetentionDays`; no system prompt). A stored default model that the tenant
 * file no longer allows falls back to the file's default, so the default model is always callable.
 *
 * @example
 * resolveSettings(tenant, null); // { defaultModel: tenant.models.defaultModel, systemPrompt: null, ... }
 */
export function resolveSettings(
  tenant: Pick<TenantConfig, "models" | "dataRetentionDays">,
  stored: StoredSettings | null,
): EffectiveSettings {
  const allowed = tenant.models.allowlist.some((model) => model.key === stored?.defaultModel);
  return {
    defaultModel: allowed && stored?.defaultModel ? stored.defaultModel : tenant.models.defaultModel,
    systemPrompt: stored?.systemPrompt ?? null,
    dataRetentionDays: stored?.dataRetentionDays ?? tenant.dataRetentionDays,
  };
}
