import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createDatabase,
  type Database,
  type DatabaseEvent,
} from "../../../../runtime/core/db/createDatabase.ts";
import type { DatabaseConfig } from "../../../../runtime/core/db/databaseConfig.ts";
import type { DatabaseUnavailableError } from "../../../../runtime/core/db/databaseUnavailableError.ts";
import {
  createStaticSecretSource,
  type StaticSecretSource,
} from "../../../../runtime/core/secrets/staticSecretSource.ts";
import { freePort } from "../../../../runtime/local/freePort.ts";
import { createTestDatabase, type TestDatabase } from "../../../support/postgres/testDatabase.ts";

const secretId = "/silo/acme/db";
const applicationName = "silo-acme-test";
let testDatabase: TestDatabase;
let superuserUrl: URL;
const roles: string[] = [];
const opened: Database[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase("create_database");
  superuserUrl = new URL(testDatabase.url);
  await asSuperuser("CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL)");
});

afterAll(async () => {
  for (const database of opened) await database.close();
  await testDatabase.drop();
  // Roles belong to the whole server, so they are dropped from its maintenance database.
  const server = testDatabase.serverUrl.replace("{database}", "postgres");
  for (const role of roles) await asSuperuser(`DROP ROLE IF EXISTS ${role}`, [], server);
});

async function asSuperuser(
  text: string,
  values?: unknown[],
  url = testDatabase.url,
): Promise<pg.QueryResult> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A login role of its own with a password, as a tenant's database user is. */
async function createLoginRole(password: string): Promise<string> {
  const role = `silo_app_${randomBytes(4).toString("hex")}`;
  roles.push(role);
  await asSuperuser(`CREATE ROLE ${role} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
  return role;
}

const secretOf = (username: string, password: string) => JSON.stringify({ username, password });

function superuserSecret(): string {
  return secretOf(decodeURIComponent(superuserUrl.username), decodeURIComponent(superuserUrl.password));
}

function configFor(overrides: Partial<DatabaseConfig> = {}): DatabaseConfig {
  return {
    host: "127.0.0.1",
    port: Number(superuserUrl.port),
    database: testDatabase.name,
    secretId,
    ssl: "disable",
    poolMax: 2,
    statementTimeoutMs: 5000,
    connectTimeoutMs: 2000,
    idleTimeoutMs: 10_000,
    ...overrides,
  };
}

interface Harness {
  readonly database: Database;
  readonly secrets: StaticSecretSource;
  readonly pools: pg.Pool[];
  readonly events: DatabaseEvent[];
}

function open(secret: string, overrides: Partial<DatabaseConfig> = {}): Harness {
  const secrets = createStaticSecretSource({ [secretId]: secret });
  const pools: pg.Pool[] = [];
  const events: DatabaseEvent[] = [];
  const database = createDatabase({
    config: configFor(overrides),
    secrets,
    applicationName,
    poolFactory: (settings) => {
      const pool = new pg.Pool(settings);
      pools.push(pool);
      return pool;
    },
    onEvent: (event) => events.push(event),
  });
  opened.push(database);
  return { database, secrets, pools, events };
}

async function failureOf(promise: Promise<unknown>): Promise<DatabaseUnavailableError> {
  try {
    await promise;
  } catch (error) {
    return error as DatabaseUnavailableError;
  }
  throw new Error("expected a rejection");
}

describe("createDatabase", () => {
  it("reads the secret on first use, connects as its user and names the connection", async () => {
    // Prepare
    const role = await createLoginRole("first-password");
    const { database, secrets } = open(secretOf(role, "first-password"), { statementTimeoutMs: 4000 });
    const reads = vi.spyOn(secrets, "getSecret");
    expect(reads).not.toHaveBeenCalled();

    // Act
    const { rows } = await database.query<{ user: string; db: string; app: string; timeout: string }>(
      "SELECT current_user AS user, current_database() AS db, current_setting('application_name') AS app, " +
        "current_setting('statement_timeout') AS timeout",
    );
    await database.query("SELECT 1");

    // Assess
    expect(rows[0]).toEqual({ user: role, db: testDatabase.name, app: applicationName, timeout: "4s" });
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("follows a password rotation transparently, reading the secret again exactly once", async () => {
    // Prepare
    const role = await createLoginRole("before-rotation");
    const { database, secrets, pools, events } = open(secretOf(role, "before-rotation"), {
      poolMax: 3,
      idleTimeoutMs: 20,
    });
    await database.query("SELECT 1");
    const reads = vi.spyOn(secrets, "getSecret");
    const invalidations = vi.spyOn(secrets, "invalidate");
    await asSuperuser(`ALTER ROLE ${role} PASSWORD 'after-rotation'`);
    secrets.set(secretId, secretOf(role, "after-rotation"));
    // Sessions opened before a rotation stay logged in; only a new connection meets the new password.
    await vi.waitFor(() => expect(pools[0]?.totalCount).toBe(0));

    // Act: three statements at once each need a new connection, and each is refused at first.
    const results = await Promise.all(
      [1, 2, 3].map((n) => database.query<{ n: number }>("SELECT $1::int AS n", [n])),
    );

    // Assess
    expect(results.map((result) => result.rows[0]?.n)).toEqual([1, 2, 3]);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(invalidations).toHaveBeenCalledTimes(1);
    expect(pools).toHaveLength(2);
    expect(events.filter((event) => event.event === "db_credentials_refused")).toEqual([
      { event: "db_credentials_refused", generation: 1 },
    ]);
  });

  it("moves a caller queued on a pool replaced after a refusal to the new pool, not waiting out the timeout", async () => {
    // Prepare: a pool of two, one connection held open by a transaction (logged in before the rotation).
    const role = await createLoginRole("queued-before");
    const { database, secrets } = open(secretOf(role, "queued-before"), {
      poolMax: 2,
      connectTimeoutMs: 5000,
    });
    let releaseHolder = () => {};
    const holding = new Promise<void>((resolve) => {
      releaseHolder = resolve;
    });
    let holderReady = () => {};
    const ready = new Promise<void>((resolve) => {
      holderReady = resolve;
    });
    const holder = database.transaction(async (client) => {
      await client.query("SELECT 1");
      holderReady();
      await holding;
    });
    await ready;
    await asSuperuser(`ALTER ROLE ${role} PASSWORD 'queued-after'`);
    secrets.set(secretId, secretOf(role, "queued-after"));

    // Act: the first caller opens the pool's second connection and is refused; the next two queue. The
    // refusal replaces the pool; the second caller is then refused in turn, the third is still queued on a
    // pool that is ending (an ending pg.Pool serves nobody) and must move to the new pool.
    const started = performance.now();
    const results = await Promise.all(
      [1, 2, 3].map((n) => database.query<{ n: number }>("SELECT $1::int AS n", [n])),
    );
    const waitedMs = performance.now() - started;
    releaseHolder();
    await holder;

    // Assess
    expect(results.map((result) => result.rows[0]?.n)).toEqual([1, 2, 3]);
    expect(waitedMs).toBeLessThan(4000);
  });

  it("surfaces DATABASE_UNAVAILABLE when the password is refused again after reading the secret again", async () => {
    // Prepare
    const role = await createLoginRole("the-right-password");
    const { database, secrets } = open(secretOf(role, "a-Wrong-password"));
    const reads = vi.spyOn(secrets, "getSecret");

    // Act
    const failure = await failureOf(database.query("SELECT 1"));

    // Assess
    expect(failure).toMatchObject({
      name: "DatabaseUnavailableError",
      code: "DATABASE_UNAVAILABLE",
      kind: "authentication",
      host: "127.0.0.1",
      database: testDatabase.name,
    });
    expect(failure.message).toBe(
      `database "${testDatabase.name}" at 127.0.0.1:${superuserUrl.port} refused the credentials in secret ` +
        `"/silo/acme/db", also after reading the secret again (28P01: password authentication failed for user ` +
        `"${role}"): check that the secret's username and password match the database role (a rotation may ` +
        "still be finishing) and that the server's pg_hba rules accept this client with SSL disable",
    );
    expect(failure.message).not.toContain("Wrong");
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it("surfaces DATABASE_UNAVAILABLE quickly when nothing listens on the port, without rereading the secret", async () => {
    // Prepare
    const port = await freePort();
    const { database, secrets } = open(superuserSecret(), { port, connectTimeoutMs: 3000 });
    const reads = vi.spyOn(secrets, "getSecret");
    const started = Date.now();

    // Act
    const failure = await failureOf(database.query("SELECT 1"));

    // Assess
    expect(Date.now() - started).toBeLessThan(1000);
    expect(failure).toMatchObject({ code: "DATABASE_UNAVAILABLE", kind: "unreachable", port });
    expect(failure.message).toBe(
      `database "${testDatabase.name}" at 127.0.0.1:${port} could not be reached (ECONNREFUSED: connect ` +
        `ECONNREFUSED 127.0.0.1:${port}): check that the database is running, that SILO_DB_HOST and ` +
        "SILO_DB_PORT are right, and that this function's security group may reach it on that port",
    );
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("names a database that does not exist", async () => {
    // Prepare
    const { database } = open(superuserSecret(), { database: "no_such_database" });

    // Act
    const failure = await failureOf(database.query("SELECT 1"));

    // Assess
    expect(failure).toMatchObject({ code: "DATABASE_UNAVAILABLE", kind: "missing_database" });
    expect(failure.message).toContain("check SILO_DB_NAME, or create the database");
  });

  it("refuses to fall back to plain TCP when TLS is required", async () => {
    // Prepare: the embedded server has no TLS.
    const { database } = open(superuserSecret(), { ssl: "require" });

    // Act
    const failure = await failureOf(database.query("SELECT 1"));

    // Assess
    expect(failure).toMatchObject({ code: "DATABASE_UNAVAILABLE", kind: "tls" });
    expect(failure.message).toContain("The server does not support SSL connections");
  });

  it("passes an unreadable secret through, and reads it again on the next call", async () => {
    // Prepare
    const secrets = createStaticSecretSource({});
    const database = createDatabase({ config: configFor(), secrets, applicationName });
    opened.push(database);

    // Act
    const unreadable = await failureOf(database.query("SELECT 1"));
    secrets.set(secretId, "not json");
    const invalid = await failureOf(database.query("SELECT 1"));
    secrets.set(secretId, superuserSecret());
    const { rows } = await database.query("SELECT 1 AS one");

    // Assess
    expect(unreadable.code).toBe("SECRET_UNAVAILABLE");
    expect(invalid.code).toBe("DATABASE_SECRET_INVALID");
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("passes a statement error through unchanged", async () => {
    // Prepare
    const { database } = open(superuserSecret());

    // Act
    const failure = await failureOf(database.query("SELECT * FROM no_such_table"));

    // Assess
    expect(failure).toBeInstanceOf(pg.DatabaseError);
    expect(failure.code).toBe("42P01");
  });

  it("turns a statement cancelled by statement_timeout into DATABASE_UNAVAILABLE and keeps the connection", async () => {
    // Prepare
    const { database } = open(superuserSecret(), { statementTimeoutMs: 200, poolMax: 1 });

    // Act
    const failure = await failureOf(database.query("SELECT pg_sleep(2)"));
    const { rows } = await database.query("SELECT pg_backend_pid() IS NOT NULL AS alive");

    // Assess
    expect(failure).toMatchObject({ code: "DATABASE_UNAVAILABLE", kind: "statement_timeout" });
    expect(failure.message).toContain("ran longer than 200 ms and was cancelled");
    expect(rows).toEqual([{ alive: true }]);
  });

  it("surfaces a connection broken mid-statement without running the statement again", async () => {
    // Prepare
    const { database, pools } = open(superuserSecret(), { poolMax: 1 });
    await database.query("SELECT 1");
    const connects = vi.spyOn(pools[0] as pg.Pool, "connect");
    const running = failureOf(database.query("SELECT pg_sleep(5)"));
    await vi.waitFor(async () => {
      const { rowCount } = await asSuperuser(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'SELECT pg_sleep%'",
        [applicationName],
      );
      expect(rowCount).toBe(1);
    });

    // Act
    const failure = await running;
    const { rows } = await database.query("SELECT 2 AS two");

    // Assess
    expect(failure).toMatchObject({ code: "DATABASE_UNAVAILABLE", kind: "connection_lost" });
    expect(failure.message).toContain("retry");
    expect(connects).toHaveBeenCalledTimes(2);
    expect(rows).toEqual([{ two: 2 }]);
  });

  it("survives an idle connection that the server closes, and reports it", async () => {
    // Prepare
    const { database, events } = open(superuserSecret());
    await database.query("SELECT 1");

    // Act: without a listener on the pool this 'error' event would crash the process.
    await asSuperuser(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'",
      [applicationName],
    );
    await vi.waitFor(() =>
      expect(events.some((event) => event.event === "db_idle_connection_error")).toBe(true),
    );
    const { rows } = await database.query("SELECT 3 AS three");

    // Assess
    expect(rows).toEqual([{ three: 3 }]);
  });

  describe("transaction", () => {
    it("commits what the work did", async () => {
      // Prepare
      const { database } = open(superuserSecret());

      // Act
      const result = await database.transaction(async (client) => {
        await client.query("INSERT INTO notes (id, body) VALUES (1, 'kept')");
        return "done";
      });

      // Assess
      expect(result).toBe("done");
      expect((await asSuperuser("SELECT body FROM notes WHERE id = 1")).rows).toEqual([{ body: "kept" }]);
    });

    it("rolls back and rethrows when the work throws", async () => {
      // Prepare
      const { database } = open(superuserSecret());
      const thrown = new Error("the model call failed");

      // Act
      const failure = await failureOf(
        database.transaction(async (client) => {
          await client.query("INSERT INTO notes (id, body) VALUES (2, 'rolled back')");
          throw thrown;
        }),
      );

      // Assess
      expect(failure).toBe(thrown);
      expect((await asSuperuser("SELECT * FROM notes WHERE id = 2")).rows).toEqual([]);
    });

    it("rolls back when a statement fails and passes its error through", async () => {
      // Prepare
      const { database } = open(superuserSecret());

      // Act
      const failure = await failureOf(
        database.transaction(async (client) => {
          await client.query("INSERT INTO notes (id, body) VALUES (3, 'first')");
          await client.query("INSERT INTO notes (id, body) VALUES (3, 'duplicate')");
        }),
      );

      // Assess
      expect(failure).toBeInstanceOf(pg.DatabaseError);
      expect(failure.code).toBe("23505");
      expect((await asSuperuser("SELECT * FROM notes WHERE id = 3")).rows).toEqual([]);
    });

    it("always gives the connection back, with no transaction left open", async () => {
      // Prepare: a single connection, so a leaked one would make the last query time out.
      const { database } = open(superuserSecret(), { poolMax: 1 });
      for (let attempt = 0; attempt < 3; attempt++) {
        await failureOf(
          database.transaction(async () => {
            throw new Error(`attempt ${attempt}`);
          }),
        );
      }

      // Act
      const { rows } = await database.query<{ open: boolean }>(
        "SELECT now() <> statement_timestamp() AS open",
      );

      // Assess
      expect(rows).toEqual([{ open: false }]);
    });
  });

  describe("close", () => {
    it("closes every connection and refuses later calls", async () => {
      // Prepare
      const { database, pools } = open(superuserSecret());
      await database.query("SELECT 1");

      // Act
      await database.close();
      await database.close();
      const failure = await failureOf(database.query("SELECT 1"));

      // Assess
      expect(pools[0]?.totalCount).toBe(0);
      expect(failure).toMatchObject({ code: "DATABASE_CLOSED" });
      expect(failure.message).toBe(
        `the connection pool for database "${testDatabase.name}" at 127.0.0.1:${superuserUrl.port} was closed: ` +
          "create a new one with createDatabase",
      );
    });
  });
});
