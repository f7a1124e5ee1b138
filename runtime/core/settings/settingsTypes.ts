/**
 * What the tenant's admins have set through the API, as stored in `tenant_settings`. A null field was
 * never set (or, for the system prompt, was removed) and follows the tenant file.
 */
export interface StoredSettings {
  readonly defaultModel: string | null;
  readonly systemPrompt: string | null;
  readonly dataRetentionDays: number | null;
}

/** The settings in force: stored values over the tenant file's. */
export interface EffectiveSettings {
  readonly defaultModel: string;
  readonly systemPrompt: string | null;
  readonly dataRetentionDays: number;
}

/** A `PATCH /v1/settings` body after validation: only the fields to change. */
export interface SettingsChange {
  readonly defaultModel?: string;
  readonly systemPrompt?: string | null;
  readonly dataRetentionDays?: number;
}
