import pg from "pg";
import { poolDatabase } from "../../../../runtime/core/db/poolDatabase.ts";
import type { SqlDatabase } from "../../../../runtime/core/db/sqlDatabase.ts";
import { tenantMigrations } from "../../../../runtime/core/db/tenantMigrations.ts";
import { runMigrations } from "../../../../runtime/core/migrations/runMigrations.ts";
import { createTestDatabase, type TestDatabase } from "../../../support/postgres/testDatabase.ts";

/** A migrated tenant database in the test run's Postgres, with a pool to it. */
export interface TenantTestDatabase {
  readonly database: TestDatabase;
  readonly pool: pg.Pool;
  readonly db: SqlDatabase;
  readonly close: () => Promise<void>;
}

/** Creates a fresh tenant database with every tenant migration applied. */
export async function createTenantTestDatabase(label: string): Promise<TenantTestDatabase> {
  const database = await createTestDatabase(label);
  const pool = new pg.Pool({ connectionString: database.url, max: 5 });
  // Dropping the database at teardown terminates any client still closing (57P01); without a listener pg
  // raises that as an unhandled error and fails the run. Production pools log it (createDatabase.ts).
  pool.on("error", () => {});
  const client = await pool.connect();
  try {
    await runMigrations(client, tenantMigrations, { lockName: "silo:tenant" });
  } finally {
    client.release();
  }
  return {
    database,
    pool,
    db: poolDatabase(pool),
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
