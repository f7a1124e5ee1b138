import { EnvironmentReader } from "../config/environmentReader.ts";

/**
 * `require`: TLS with the server certificate verified against the runtime's CA bundle (in Lambda, point
 * `NODE_EXTRA_CA_CERTS` at a bundle holding the RDS CAs). `disable`: plain TCP, only to a loopback host
 * (the local platform's embedded Postgres).
 */
export type DatabaseSslMode = "require" | "disable";

/** Where a tenant's database is and how to use it; the credentials are read from `secretId`, never env. */
export interface DatabaseConfig {
  /** `SILO_DB_HOST`. */
  readonly host: string;
  /** `SILO_DB_PORT`. @default 5432 */
  readonly port: number;
  /** `SILO_DB_NAME`. */
  readonly database: string;
  /** `SILO_DB_SECRET_ID`: name or ARN of the secret holding `{"username", "password"}`. */
  readonly secretId: string;
  /** `SILO_DB_SSL`. @default "require" */
  readonly ssl: DatabaseSslMode;
  /** `SILO_DB_POOL_MAX`: connections per process; a Lambda handles one request at a time. @default 2 */
  readonly poolMax: number;
  /** `SILO_DB_STATEMENT_TIMEOUT_MS`: the server cancels a statement running longer. @default 10000 */
  readonly statementTimeoutMs: number;
  /** `SILO_DB_CONNECT_TIMEOUT_MS`: how long to wait for a new connection. @default 5000 */
  readonly connectTimeoutMs: number;
  /** `SILO_DB_IDLE_TIMEOUT_MS`: an unused connection is closed after this. @default 10000 */
  readonly idleTimeoutMs: number;
}

const loopbackHosts = ["127.0.0.1", "localhost", "::1"];

/**
 * Reads and validates a tenant database's location from the environment. Fails fast (at cold start, not per
 * request) with every problem named. Credentials never come from the environment: `SILO_DB_SECRET_ID`
 * names the secret that holds them, and a `SILO_DB_PASSWORD` variable is refused so none is left behind.
 *
 * @example
 * const config = loadDatabaseConfig(process.env);
 * const database = createDatabase({ config, secrets, applicationName: "silo-acme-chat" });
 */
export function loadDatabaseConfig(env: Readonly<Record<string, string | undefined>>): DatabaseConfig {
  const reader = new EnvironmentReader(env);
  const host = reader.required(
    "SILO_DB_HOST",
    "the database endpoint's host name, e.g. the RDS instance address",
  );
  const ipv6 = /^[0-9a-f:.]+$/i.test(host) && host.includes(":");
  if (/[/@\s[\]]/.test(host) || (host.includes(":") && !ipv6)) {
    reader.problem(
      `SILO_DB_HOST must be a bare host name (no scheme, port or user), got ${JSON.stringify(host)}`,
    );
  }
  const port = reader.wholeNumber("SILO_DB_PORT", 5432, 1, 65_535);
  const database = reader.required("SILO_DB_NAME", "the database name on that server");
  if (database.length > 63) {
    reader.problem(`SILO_DB_NAME must be at most 63 characters (Postgres truncates longer names)`);
  }
  const secretId = reader.required(
    "SILO_DB_SECRET_ID",
    "the name or ARN of the secret holding the database credentials",
  );
  // Never echo this one: a connection string here would carry a password.
  if (secretId.includes("://")) {
    reader.problem(
      "SILO_DB_SECRET_ID must be a secret's name or ARN, not a connection string: credentials go in the secret, never in the environment",
    );
  }
  if (env.SILO_DB_PASSWORD !== undefined) {
    reader.problem(
      "SILO_DB_PASSWORD is set, but credentials are never read from the environment: remove it and keep the password in the secret named by SILO_DB_SECRET_ID",
    );
  }
  const ssl = reader.oneOf<DatabaseSslMode>("SILO_DB_SSL", ["require", "disable"], "require");
  if (ssl === "disable" && host && !loopbackHosts.includes(host)) {
    reader.problem(
      `SILO_DB_SSL=disable is allowed only for a loopback host (the local platform), not ${JSON.stringify(host)}: use require`,
    );
  }
  const config: DatabaseConfig = {
    host,
    port,
    database,
    secretId,
    ssl,
    poolMax: reader.wholeNumber("SILO_DB_POOL_MAX", 2, 1, 100),
    statementTimeoutMs: reader.wholeNumber("SILO_DB_STATEMENT_TIMEOUT_MS", 10_000, 100, 900_000),
    connectTimeoutMs: reader.wholeNumber("SILO_DB_CONNECT_TIMEOUT_MS", 5000, 100, 60_000),
    idleTimeoutMs: reader.wholeNumber("SILO_DB_IDLE_TIMEOUT_MS", 10_000, 1, 600_000),
  };
  reader.finish("DATABASE_CONFIG_INVALID", "the tenant database's environment");
  return config;
}
