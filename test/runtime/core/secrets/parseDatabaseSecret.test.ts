import { describe, expect, it } from "vitest";
import { parseDatabaseSecret } from "../../../../runtime/core/secrets/parseDatabaseSecret.ts";

const secretId = "/silo/acme/db";
const password = "pa55-Never-Echoed";
const shape =
  '. It must be JSON such as {"username": "silo_app", "password": "..."}, as RDS writes for a managed master user';

function failureOf(secretString: string): Error & { code?: string } {
  try {
    parseDatabaseSecret(secretString, secretId);
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected a failure");
}

describe("parseDatabaseSecret", () => {
  it("reads an RDS-managed master user secret", () => {
    expect(parseDatabaseSecret(JSON.stringify({ username: "postgres", password }), secretId)).toEqual({
      username: "postgres",
      password,
    });
  });

  it("reads the location of an RDS rotation secret, with dbname or dbName and a port as text", () => {
    // Prepare
    const rotation = { engine: "postgres", host: "acme.abc.eu-west-1.rds.amazonaws.com", port: 5432 };

    // Act
    const fromDbname = parseDatabaseSecret(
      JSON.stringify({ ...rotation, username: "u", password, dbname: "silo" }),
      secretId,
    );
    const fromDbName = parseDatabaseSecret(
      JSON.stringify({ ...rotation, port: "6432", username: "u", password, dbName: "silo2", extra: true }),
      secretId,
    );

    // Assess
    expect(fromDbname).toEqual({
      username: "u",
      password,
      host: "acme.abc.eu-west-1.rds.amazonaws.com",
      port: 5432,
      database: "silo",
    });
    expect(fromDbName).toMatchObject({ port: 6432, database: "silo2" });
  });

  it("names every bad field", () => {
    // Act
    const failure = failureOf(JSON.stringify({ password: "", port: 70_000, engine: "mysql" }));

    // Assess
    expect(failure.code).toBe("DATABASE_SECRET_INVALID");
    expect(failure.message).toBe(
      'database secret "/silo/acme/db" is invalid: field username is required: the database user name; ' +
        "field password must not be empty; field port must be a port number from 1 to 65535; field engine " +
        `must name a Postgres engine (postgres or aurora-postgresql): this kit connects only to Postgres${shape}`,
    );
  });

  it("says a field has the wrong type without showing it", () => {
    // Act
    const failure = failureOf(JSON.stringify({ username: "u", password: [password] }));

    // Assess
    expect(failure.message).toBe(
      `database secret "/silo/acme/db" is invalid: field password must be a string: the database user's password${shape}`,
    );
  });

  it.each([
    ["a bare password", password, "is not JSON"],
    ["JSON cut short", `{"username":"u","password":"${password}"`, "is not JSON"],
    ["a JSON string", JSON.stringify(password), "is invalid: must be a JSON object"],
    ["null", "null", "is invalid: must be a JSON object"],
  ])("refuses %s without echoing it", (_label, secretString, problem) => {
    // Act
    const failure = failureOf(secretString);

    // Assess
    expect(failure.code).toBe("DATABASE_SECRET_INVALID");
    expect(failure.message).toBe(`database secret "/silo/acme/db" ${problem}${shape}`);
    expect(failure.message).not.toContain(password);
    expect(failure.cause).toBeUndefined();
  });
});
