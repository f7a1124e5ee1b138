import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Migration, runMigrations } from "../../../../runtime/core/migrations/runMigrations.ts";
import { createTestDatabase, type TestDatabase } from "../../../support/postgres/testDatabase.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("migrations");
});

afterAll(async () => {
  await database.drop();
});

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(database.url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const first: Migration = { version: 1, name: "one", sql: "CREATE TABLE one (id int)" };
const second: Migration = { version: 2, name: "two", sql: "CREATE TABLE two (id int)" };
const third: Migration = { version: 3, name: "three", sql: "CREATE TABLE three (id int)" };

describe("runMigrations", () => {
  it("applies pending migrations in order and records them", async () => {
    const report = await withClient((client) =>
      runMigrations(client, [first, second], { lockName: "test:a" }),
    );

    expect(report).toEqual({
      applied: [
        { version: 1, name: "one" },
        { version: 2, name: "two" },
      ],
      alreadyApplied: 0,
    });
  });

  it("takes turns when two runners start at once, applying each migration once", async () => {
    const reports = await Promise.all([
      withClient((client) => runMigrations(client, [first, second, third], { lockName: "test:a" })),
      withClient((client) => runMigrations(client, [first, second, third], { lockName: "test:a" })),
    ]);

    expect(reports.flatMap((report) => report.applied.map((migration) => migration.version))).toEqual([3]);
  });

  it("rolls back a failing migration and names it", async () => {
    const broken: Migration = {
      version: 4,
      name: "broken",
      sql: "CREATE TABLE four (id int); SELECT no_such_function()",
    };

    const error = await withClient((client) =>
      runMigrations(client, [first, second, third, broken], { lockName: "test:a" }),
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "MIGRATION_FAILED" });
    expect((error as Error).message).toMatch(
      /^migration 4 \(broken\) failed and was rolled back: function no_such_function\(\) does not exist/,
    );
    const { rows } = await withClient((client) =>
      client.query("SELECT to_regclass('public.four') IS NULL AS absent"),
    );
    expect(rows[0].absent).toBe(true);
  });

  it("refuses a migration edited after it was applied", async () => {
    const edited: Migration = { ...first, sql: "CREATE TABLE one (id bigint)" };

    const error = await withClient((client) =>
      runMigrations(client, [edited, second], { lockName: "test:a" }),
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "MIGRATION_CHANGED" });
  });

  it("refuses to run older code over a newer schema", async () => {
    const error = await withClient((client) => runMigrations(client, [first], { lockName: "test:a" })).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({ code: "MIGRATION_UNKNOWN" });
  });

  it("refuses migrations out of order", async () => {
    const error = await withClient((client) =>
      runMigrations(client, [second, first], { lockName: "test:b" }),
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "MIGRATION_ORDER" });
  });
});
