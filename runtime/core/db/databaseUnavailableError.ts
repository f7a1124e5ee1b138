import { SiloError } from "../errors/siloError.ts";
import type { DatabaseFailureKind } from "./classifyDatabaseError.ts";
import type { DatabaseConfig } from "./databaseConfig.ts";

/**
 * The tenant's database cannot serve the request: unreachable, refusing the credentials even after they
 * were read again, overloaded, too slow, or the connection broke. The message names the database, its host
 * and port and what to check; never a credential. HTTP answers it with 503.
 */
export class DatabaseUnavailableError extends SiloError {
  readonly kind: DatabaseFailureKind;
  readonly host: string;
  readonly port: number;
  readonly database: string;

  constructor(kind: DatabaseFailureKind, config: DatabaseConfig, cause: unknown) {
    super("DATABASE_UNAVAILABLE", explain(kind, config, cause), { cause });
    this.kind = kind;
    this.host = config.host;
    this.port = config.port;
    this.database = config.database;
  }
}

function explain(kind: DatabaseFailureKind, config: DatabaseConfig, cause: unknown): string {
  const where = `database ${JSON.stringify(config.database)} at ${config.host}:${config.port}`;
  const said = driverSaid(cause);
  switch (kind) {
    case "authentication":
      return (
        `${where} refused the credentials in secret ${JSON.stringify(config.secretId)}, also after reading the ` +
        `secret again (${said}): check that the secret's username and password match the database role (a ` +
        `rotation may still be finishing) and that the server's pg_hba rules accept this client with SSL ${config.ssl}`
      );
    case "missing_database":
      return `${where} does not exist (${said}): check SILO_DB_NAME, or create the database`;
    case "unreachable":
      return (
        `${where} could not be reached (${said}): check that the database is running, that SILO_DB_HOST and ` +
        "SILO_DB_PORT are right, and that this function's security group may reach it on that port"
      );
    case "timeout":
      return (
        `${where} did not accept a connection within ${config.connectTimeoutMs} ms (${said}): check that the ` +
        "database is running and that its security group allows this function; raise SILO_DB_CONNECT_TIMEOUT_MS " +
        "only if the database is slow to answer"
      );
    case "statement_timeout":
      return (
        `a statement on ${where} ran longer than ${config.statementTimeoutMs} ms and was cancelled (${said}): the ` +
        "database may be overloaded, or the query needs an index; retry later"
      );
    case "connection_lost":
      return (
        `the connection to ${where} broke (${said}): the server may have restarted or failed over; retry. A ` +
        "transaction that was committing may or may not have been committed"
      );
    case "overloaded":
      return (
        `${where} has no room for another connection (${said}): lower SILO_DB_POOL_MAX or the function's ` +
        "reserved concurrency, or raise the server's max_connections"
      );
    case "tls":
      return (
        `${where} could not set up TLS (${said}): with SILO_DB_SSL=require the server certificate must be ` +
        "trusted (in Lambda set NODE_EXTRA_CA_CERTS to a bundle with the RDS CAs); a server without TLS is " +
        "allowed only on loopback with SILO_DB_SSL=disable"
      );
  }
}

/** The driver's or server's own words, short. These never hold a password or a statement's parameters. */
function driverSaid(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  const message = (cause as { message?: unknown } | null)?.message;
  const text = typeof message === "string" && message ? message : "no detail";
  const shown = text.length > 200 ? `${text.slice(0, 197)}...` : text;
  return typeof code === "string" ? `${code}: ${shown}` : shown;
}
