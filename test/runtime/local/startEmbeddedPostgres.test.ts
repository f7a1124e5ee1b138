import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/postgres/testDatabase.ts";

const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe("the test run's embedded Postgres", () => {
  it("is a real Postgres with synchronous_commit on, giving each caller its own database", async () => {
    // Prepare
    const first = await createTestDatabase("first");
    const second = await createTestDatabase("second");
    databases.push(first, second);
    const client = new pg.Client(first.url);
    await client.connect();

    // Act
    const { rows } = await client.query<{ version: string; sync: string; db: string }>(
      "select version() as version, current_setting('synchronous_commit') as sync, current_database() as db",
    );
    await client.end();

    // Assess
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    expect(rows[0]?.sync).toBe("on");
    expect(rows[0]?.db).toBe(first.name);
    expect(second.name).not.toBe(first.name);
  });
});
