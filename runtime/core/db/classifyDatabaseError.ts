import { SiloError } from "../errors/siloError.ts";

/**
 * What kind of database failure an error is, when it is one the caller cannot fix by changing the request:
 * - `authentication`: the server refused the credentials (SQLSTATE 28P01, 28000), e.g. after a rotation;
 * - `missing_database`: the configured database does not exist (3D000);
 * - `unreachable`: nothing answered at the host and port, or the server is starting up;
 * - `timeout`: no connection within the connect timeout;
 * - `statement_timeout`: the server cancelled a statement that ran past `statement_timeout` (57014);
 * - `connection_lost`: an open connection broke (server restart, failover, network);
 * - `overloaded`: the server has no room for another connection (class 53, e.g. too_many_connections);
 * - `tls`: TLS could not be set up (untrusted certificate, or a server without TLS).
 */
export type DatabaseFailureKind =
  | "authentication"
  | "missing_database"
  | "unreachable"
  | "timeout"
  | "statement_timeout"
  | "connection_lost"
  | "overloaded"
  | "tls";

const nodeCodes: Readonly<Record<string, DatabaseFailureKind>> = {
  ECONNREFUSED: "unreachable",
  ENOTFOUND: "unreachable",
  EAI_AGAIN: "unreachable",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ETIMEDOUT: "timeout",
  ECONNRESET: "connection_lost",
  EPIPE: "connection_lost",
  DEPTH_ZERO_SELF_SIGNED_CERT: "tls",
  SELF_SIGNED_CERT_IN_CHAIN: "tls",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "tls",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "tls",
  CERT_HAS_EXPIRED: "tls",
  ERR_TLS_CERT_ALTNAME_INVALID: "tls",
};

// node-postgres raises these as plain Errors without a code.
const driverMessages: ReadonlyArray<readonly [RegExp, DatabaseFailureKind]> = [
  [/^timeout exceeded when trying to connect$/, "timeout"],
  [/^Connection terminated due to connection timeout$/, "timeout"],
  [/^Connection terminated/, "connection_lost"],
  [/is not queryable$/, "connection_lost"],
  [/^The server does not support SSL connections$/, "tls"],
];

/**
 * Classifies an error thrown by node-postgres. Returns `undefined` for an ordinary statement error (a syntax
 * error, a constraint violation, ...), which belongs to the caller unchanged.
 *
 * @example
 * classifyDatabaseError(Object.assign(new Error("password authentication failed"), { code: "28P01" }));
 * // "authentication"
 */
export function classifyDatabaseError(error: unknown): DatabaseFailureKind | undefined {
  // The kit's own errors (e.g. thrown by a transaction's work) are never driver failures.
  if (error instanceof SiloError) return undefined;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    if (code === "28P01" || code === "28000") return "authentication";
    if (code === "3D000") return "missing_database";
    if (code === "57014") return "statement_timeout";
    if (code === "57P03") return "unreachable";
    if (code === "57P01" || code === "57P02" || code === "25P03" || code.startsWith("08")) {
      return "connection_lost";
    }
    if (code.startsWith("53")) return "overloaded";
    const kind = nodeCodes[code];
    if (kind !== undefined) return kind;
  }
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== "string") return undefined;
  return driverMessages.find(([pattern]) => pattern.test(message))?.[1];
}
