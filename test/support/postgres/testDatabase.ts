import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A fresh, empty database in the test run's Postgres. */
export interface TestDatabase {
  readonly name: string;
  /** Connection string as the superuser. */
  readonly url: string;
  /** Connection string template for another database in the same server: replace `{database}`. */
  readonly serverUrl: string;
  readonly drop: () => Promise<void>;
}

/**
 * Creates a uniquely named database for one test file (or test) and returns how to reach it.
 *
 * @example
 * const db = await createTestDatabase("conversations");
 * const pool = new pg.Pool({ connectionString: db.url });
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = inject("postgresUrl");
  const name = `t_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client(serverUrl.replace("{database}", "postgres"));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: serverUrl.replace("{database}", name),
    serverUrl,
    drop: async () => {
      const client = new pg.Client(serverUrl.replace("{database}", "postgres"));
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
