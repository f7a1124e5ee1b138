import { describe, expect, it } from "vitest";
import { loadDatabaseConfig } from "../../../../runtime/core/db/databaseConfig.ts";

const required = {
  SILO_DB_HOST: "silo-acme.abc123.eu-west-1.rds.amazonaws.com",
  SILO_DB_NAME: "silo",
  SILO_DB_SECRET_ID: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1234-AbCdEf",
};

describe("loadDatabaseConfig", () => {
  it("applies the documented defaults", () => {
    expect(loadDatabaseConfig(required)).toEqual({
      host: "silo-acme.abc123.eu-west-1.rds.amazonaws.com",
      port: 5432,
      database: "silo",
      secretId: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1234-AbCdEf",
      ssl: "require",
      poolMax: 2,
      statementTimeoutMs: 10_000,
      connectTimeoutMs: 5000,
      idleTimeoutMs: 10_000,
    });
  });

  it("reads every setting", () => {
    const config = loadDatabaseConfig({
      SILO_DB_HOST: "127.0.0.1",
      SILO_DB_PORT: "6543",
      SILO_DB_NAME: "tenant_acme",
      SILO_DB_SECRET_ID: "/silo/acme/db",
      SILO_DB_SSL: "disable",
      SILO_DB_POOL_MAX: "1",
      SILO_DB_STATEMENT_TIMEOUT_MS: "2500",
      SILO_DB_CONNECT_TIMEOUT_MS: "1000",
      SILO_DB_IDLE_TIMEOUT_MS: "500",
    });

    expect(config).toEqual({
      host: "127.0.0.1",
      port: 6543,
      database: "tenant_acme",
      secretId: "/silo/acme/db",
      ssl: "disable",
      poolMax: 1,
      statementTimeoutMs: 2500,
      connectTimeoutMs: 1000,
      idleTimeoutMs: 500,
    });
  });

  it("names every problem at once, with a stable code", () => {
    expect(() =>
      loadDatabaseConfig({ SILO_DB_PORT: "70000", SILO_DB_SSL: "verify-full", SILO_DB_POOL_MAX: "two" }),
    ).toThrow(
      expect.objectContaining({
        code: "DATABASE_CONFIG_INVALID",
        message: [
          "the tenant database's environment is invalid:",
          "- SILO_DB_HOST is required: the database endpoint's host name, e.g. the RDS instance address",
          '- SILO_DB_PORT must be a whole number from 1 to 65535, got "70000"',
          "- SILO_DB_NAME is required: the database name on that server",
          "- SILO_DB_SECRET_ID is required: the name or ARN of the secret holding the database credentials",
          '- SILO_DB_SSL must be require or disable, got "verify-full"',
          '- SILO_DB_POOL_MAX must be a whole number from 1 to 100, got "two"',
        ].join("\n"),
      }),
    );
  });

  it("allows plain TCP only to a loopback host", () => {
    expect(() => loadDatabaseConfig({ ...required, SILO_DB_SSL: "disable" })).toThrow(
      'SILO_DB_SSL=disable is allowed only for a loopback host (the local platform), not "silo-acme.abc123.eu-west-1.rds.amazonaws.com": use require',
    );
    expect(loadDatabaseConfig({ ...required, SILO_DB_HOST: "::1", SILO_DB_SSL: "disable" }).ssl).toBe(
      "disable",
    );
  });

  it("refuses a connection string as the host", () => {
    expect(() => loadDatabaseConfig({ ...required, SILO_DB_HOST: "postgres://db.example.com:5432" })).toThrow(
      'SILO_DB_HOST must be a bare host name (no scheme, port or user), got "postgres://db.example.com:5432"',
    );
  });

  it("refuses credentials in the environment without echoing them", () => {
    // Act
    const attempt = () =>
      loadDatabaseConfig({
        ...required,
        SILO_DB_SECRET_ID: "postgres://app:hunter2@db.example.com/silo",
        SILO_DB_PASSWORD: "hunter2",
      });

    // Assess
    expect(attempt).toThrow(
      "- SILO_DB_SECRET_ID must be a secret's name or ARN, not a connection string: credentials go in the secret, never in the environment\n" +
        "- SILO_DB_PASSWORD is set, but credentials are never read from the environment: remove it and keep the password in the secret named by SILO_DB_SECRET_ID",
    );
    expect(attempt).toThrow(expect.objectContaining({ message: expect.not.stringContaining("hunter2") }));
  });
});
