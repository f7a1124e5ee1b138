import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolDatabase } from "../../../../runtime/core/db/poolDatabase.ts";
import { createTestDatabase } from "../../../support/postgres/testDatabase.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase("pooldb");
  // One connection, so every query below runs on the session whose prepared statements are inspected.
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const preparedNames = async () =>
  (await pool.query<{ name: string }>("SELECT name FROM pg_prepared_statements ORDER BY name")).rows.map(
    (row) => row.name,
  );

describe("poolDatabase", () => {
  it("runs a query with `prepare` as a named prepared statement, parsed once per connection", async () => {
    // Prepare
    const db = poolDatabase(pool);

    // Act
    const first = await db.query<{ n: number }>("SELECT $1::int + 1 AS n", [1], { prepare: "plus_one" });
    const second = await db.query<{ n: number }>("SELECT $1::int + 1 AS n", [41], { prepare: "plus_one" });

    // Assess
    expect([first.rows[0]?.n, second.rows[0]?.n]).toEqual([2, 42]);
    expect(await preparedNames()).toEqual(["plus_one"]);
  });

  it("runs a query without `prepare` unnamed, leaving no statement behind", async () => {
    // Prepare
    const db = poolDatabase(pool);
    const before = await preparedNames();

    // Act
    const result = await db.query<{ n: number }>("SELECT $1::int * 2 AS n", [21]);

    // Assess
    expect(result.rows[0]?.n).toBe(42);
    expect(await preparedNames()).toEqual(before);
  });

  it("commits a transaction as a whole and rolls it back on error", async () => {
    // Prepare
    const db = poolDatabase(pool);
    await db.query("CREATE TABLE IF NOT EXISTS pooldb_items (n int)");

    // Act
    await db.transaction(async (client) => client.query("INSERT INTO pooldb_items VALUES (1)"));
    await expect(
      db.transaction(async (client) => {
        await client.query("INSERT INTO pooldb_items VALUES (2)");
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");

    // Assess
    const { rows } = await db.query<{ n: number }>("SELECT n FROM pooldb_items ORDER BY n");
    expect(rows.map((row) => row.n)).toEqual([1]);
  });
});
