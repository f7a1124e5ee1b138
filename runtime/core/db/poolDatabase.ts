import type pg from "pg";
import { queryConfig } from "./queryConfig.ts";
import type { SqlDatabase, SqlExecutor } from "./sqlDatabase.ts";

/**
 * A {@link SqlDatabase} over a plain `pg.Pool`: transactions on one pooled client, rolled back on any
 * error and always released.
 *
 * @example
 * const db = poolDatabase(new pg.Pool({ connectionString }));
 * await db.transaction(async (client) => client.query("..."));
 */
export function poolDatabase(pool: pg.Pool): SqlDatabase {
  return {
    query: (text, values, options) => pool.query(queryConfig(text, values, options)),
    async transaction<T>(work: (client: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(client as unknown as SqlExecutor);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
