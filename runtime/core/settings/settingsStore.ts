import type { SqlExecutor } from "../db/sqlDatabase.ts";
import type { StoredSettings } from "./settingsTypes.ts";

/** The stored settings, or null before the first change, and when they last changed. */
export interface SettingsRecord {
  readonly stored: StoredSettings | null;
  /** The last change; before any, when the tenant's database was created. */
  readonly updatedAt: string;
}

interface SettingsRow {
  default_model: string | null;
  system_prompt: string | null;
  data_retention_days: number | null;
  updated_at: Date | null;
  created_at: Date | null;
}

// One query whether or not the singleton row exists. Before the first change the settings have been the
// tenant file's since the database was created, which the migration runner recorded.
const readSql = `SELECT s.default_model, s.system_prompt, s.data_retention_days, s.updated_at,
    (SELECT applied_at FROM silo_schema_migrations WHERE version = 1) AS created_at
  FROM (SELECT true AS singleton) one LEFT JOIN tenant_settings s USING (singleton)`;

function toRecord(row: SettingsRow | undefined): SettingsRecord {
  const exists = row?.updated_at != null;
  return {
    stored: exists
      ? {
          defaultModel: row.default_model,
          systemPrompt: row.system_prompt,
          dataRetentionDays: row.data_retention_days,
        }
      : null,
    updatedAt: (row?.updated_at ?? row?.created_at ?? new Date()).toISOString(),
  };
}

/** The tenant's settings row (`tenant_settings`, at most one) in its own database. */
export const settingsStore = {
  async read(db: SqlExecutor): Promise<SettingsRecord> {
    const { rows } = await db.query<SettingsRow>(readSql);
    return toRecord(rows[0]);
  },

  /**
   * Reads the settings and holds them until the transaction ends, so concurrent changes of different
   * fields apply one after the other instead of one losing the other. Run inside a transaction.
   */
  async readForUpdate(db: SqlExecutor): Promise<SettingsRecord> {
    // A transaction lock rather than FOR UPDATE: it also serialises the first two writers, before the row exists.
    await db.query("SELECT pg_advisory_xact_lock(hashtext('silo:tenant_settings'))");
    return settingsStore.read(db);
  },

  async write(db: SqlExecutor, settings: StoredSettings, updatedBy: string): Promise<SettingsRecord> {
    await db.query(
      `INSERT INTO tenant_settings (singleton, default_model, system_prompt, data_retention_days, updated_at, updated_by)
       VALUES (true, $1, $2, $3, now(), $4)
       ON CONFLICT (singleton) DO UPDATE SET default_model = $1, system_prompt = $2,
         data_retention_days = $3, updated_at = now(), updated_by = $4`,
      [settings.defaultModel, settings.systemPrompt, settings.dataRetentionDays, updatedBy.slice(0, 256)],
    );
    return settingsStore.read(db);
  },
};
