import { createHash } from "node:crypto";
import type pg from "pg";
import { SiloError } from "../errors/siloError.ts";

/** One schema change: applied once, in version order, inside a transaction. */
export interface Migration {
  /** Positive, unique, increasing; never reuse or renumber one that has shipped. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** What {@link runMigrations} did. */
export interface MigrationReport {
  readonly applied: ReadonlyArray<{ version: number; name: string }>;
  readonly alreadyApplied: number;
}

/**
 * Brings a database's schema up to date: applies every migration not yet recorded in
 * `silo_schema_migrations`, each in its own transaction, in version order. A session advisory lock makes
 * concurrent runners (two deploys, two local starts) take turns, and a checksum per applied migration makes
 * an edited, already-applied migration fail loudly instead of leaving databases that differ.
 *
 * A small runner rather than a migration library: the migrations are TypeScript constants, so they bundle
 * into the migration Lambda with esbuild (file-based runners load SQL from disk at run time), and this is
 * all the behaviour the kit needs.
 *
 * @example
 * await runMigrations(client, tenantMigrations, { lockName: "silo:tenant" });
 */
export async function runMigrations(
  client: pg.ClientBase,
  migrations: readonly Migration[],
  options: { readonly lockName: string; readonly onApplied?: (migration: Migration) => void },
): Promise<MigrationReport> {
  checkOrder(migrations);
  await client.query("SELECT pg_advisory_lock(hashtext($1))", [options.lockName]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS silo_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      "SELECT version, name, checksum FROM silo_schema_migrations ORDER BY version",
    );
    const recorded = new Map(rows.map((row) => [row.version, row]));
    for (const row of rows) {
      const migration = migrations.find((candidate) => candidate.version === row.version);
      if (migration === undefined) {
        throw new SiloError(
          "MIGRATION_UNKNOWN",
          `the database has migration ${row.version} (${row.name}), which this code does not know; deploy the newer code, never an older one over a newer schema`,
        );
      }
      if (checksum(migration) !== row.checksum) {
        throw new SiloError(
          "MIGRATION_CHANGED",
          `migration ${row.version} (${row.name}) was edited after it was applied; restore its original SQL and add a new migration for the change`,
        );
      }
    }
    const applied: Array<{ version: number; name: string }> = [];
    for (const migration of migrations) {
      if (recorded.has(migration.version)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          "INSERT INTO silo_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
          [migration.version, migration.name, checksum(migration)],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new SiloError(
          "MIGRATION_FAILED",
          `migration ${migration.version} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
          { cause: error },
        );
      }
      applied.push({ version: migration.version, name: migration.name });
      options.onApplied?.(migration);
    }
    return { applied, alreadyApplied: recorded.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [options.lockName]);
  }
}

function checksum(migration: Migration): string {
  return createHash("sha256").update(migration.sql).digest("hex");
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (
      !Number.isInteger(migration.version) ||
      migration.version < 1 ||
      (previous && migration.version <= previous.version)
    ) {
      throw new SiloError(
        "MIGRATION_ORDER",
        `migration versions must be positive whole numbers in increasing order; ${migration.version} (${migration.name}) is not`,
      );
    }
  });
}
