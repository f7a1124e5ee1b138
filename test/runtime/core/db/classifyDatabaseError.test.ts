import { describe, expect, it } from "vitest";
import { classifyDatabaseError } from "../../../../runtime/core/db/classifyDatabaseError.ts";
import { SiloError } from "../../../../runtime/core/errors/siloError.ts";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("classifyDatabaseError", () => {
  it.each([
    [withCode("28P01"), "authentication"],
    [withCode("28000"), "authentication"],
    [withCode("3D000"), "missing_database"],
    [withCode("57014"), "statement_timeout"],
    [withCode("57P01"), "connection_lost"],
    [withCode("08006"), "connection_lost"],
    [withCode("57P03"), "unreachable"],
    [withCode("53300"), "overloaded"],
    [withCode("ECONNREFUSED"), "unreachable"],
    [withCode("ENOTFOUND"), "unreachable"],
    [withCode("ETIMEDOUT"), "timeout"],
    [withCode("ECONNRESET"), "connection_lost"],
    [withCode("SELF_SIGNED_CERT_IN_CHAIN"), "tls"],
    [new Error("timeout exceeded when trying to connect"), "timeout"],
    [new Error("Connection terminated due to connection timeout"), "timeout"],
    [new Error("Connection terminated unexpectedly"), "connection_lost"],
    [new Error("Client has encountered a connection error and is not queryable"), "connection_lost"],
    [new Error("The server does not support SSL connections"), "tls"],
  ])("classifies %s", (error, kind) => {
    expect(classifyDatabaseError(error)).toBe(kind);
  });

  it.each([
    [withCode("23505", "duplicate key value violates unique constraint")],
    [withCode("42601", "syntax error at or near")],
    [new SiloError("BUDGET_EXCEEDED", "the tenant's budget is spent")],
    ["a string"],
    [undefined],
  ])("leaves a statement error or anything else to the caller: %s", (error) => {
    expect(classifyDatabaseError(error)).toBeUndefined();
  });
});
