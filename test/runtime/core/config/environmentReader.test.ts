import { describe, expect, it } from "vitest";
import { EnvironmentReader } from "../../../../runtime/core/config/environmentReader.ts";

type Env = Record<string, string | undefined>;

/** Reads one value with `read`, returning it and the problems recorded. */
function readWith<T>(env: Env, read: (reader: EnvironmentReader) => T) {
  const reader = new EnvironmentReader(env);
  const value = read(reader);
  return { value, problems: reader.problems };
}

const allowedAlgorithms = ["RS256", "ES256"];
const environments = ["production", "staging", "local"] as const;
const stringMap = (reader: EnvironmentReader) => (value: unknown) => {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
  reader.problem("X must be a JSON object");
  return undefined;
};

describe("EnvironmentReader", () => {
  it.each<{ kind: string; env: Env; read: (reader: EnvironmentReader) => unknown; value: unknown }>([
    { kind: "required, trimmed", env: { X: " a " }, read: (r) => r.required("X", "an a"), value: "a" },
    { kind: "optional, set", env: { X: "b" }, read: (r) => r.optional("X", "a"), value: "b" },
    { kind: "optional, unset", env: {}, read: (r) => r.optional("X", "a"), value: "a" },
    { kind: "optional, blank", env: { X: "  " }, read: (r) => r.optional("X", "a"), value: "a" },
    {
      kind: "required list",
      env: { X: "a, b,,c " },
      read: (r) => r.requiredList("X", "as"),
      value: ["a", "b", "c"],
    },
    {
      kind: "optional list, unset",
      env: {},
      read: (r) => r.optionalList("X", ["RS256"], allowedAlgorithms),
      value: ["RS256"],
    },
    {
      kind: "optional list, allowed entries",
      env: { X: "ES256, RS256" },
      read: (r) => r.optionalList("X", ["RS256"], allowedAlgorithms),
      value: ["ES256", "RS256"],
    },
    { kind: "whole number", env: { X: "42" }, read: (r) => r.wholeNumber("X", 1, 0, 100), value: 42 },
    { kind: "whole number, unset", env: {}, read: (r) => r.wholeNumber("X", 7, 0, 100), value: 7 },
    {
      kind: "whole number at the bound",
      env: { X: "0" },
      read: (r) => r.wholeNumber("X", 7, 0, 100),
      value: 0,
    },
    {
      kind: "enum",
      env: { X: "local" },
      read: (r) => r.oneOf("X", environments, "production"),
      value: "local",
    },
    {
      kind: "enum, unset",
      env: {},
      read: (r) => r.oneOf("X", environments, "production"),
      value: "production",
    },
    {
      kind: "https URL",
      env: { X: "https://idp.example.com/jwks.json" },
      read: (r) => r.httpsUrl("X", "the JWKS", "https://e.g/"),
      value: "https://idp.example.com/jwks.json",
    },
    {
      kind: "http URL on loopback",
      env: { X: "http://[::1]:8080/jwks.json" },
      read: (r) => r.httpsUrl("X", "the JWKS", "https://e.g/"),
      value: "http://[::1]:8080/jwks.json",
    },
    { kind: "JSON", env: { X: '{"a":"b"}' }, read: (r) => r.json("X", stringMap(r)), value: { a: "b" } },
    { kind: "JSON, fallback", env: {}, read: (r) => r.json("X", stringMap(r), "{}"), value: {} },
  ])("reads $kind", ({ env, read, value }) => {
    const result = readWith(env, read);

    expect(result).toEqual({ value, problems: [] });
  });

  it.each<{ kind: string; env: Env; read: (reader: EnvironmentReader) => unknown; problem: string }>([
    {
      kind: "a missing required string",
      env: {},
      read: (r) => r.required("X", "an a"),
      problem: "X is required: an a",
    },
    {
      kind: "a blank required string",
      env: { X: " " },
      read: (r) => r.required("X", "an a"),
      problem: "X is required: an a",
    },
    {
      kind: "a missing required list",
      env: {},
      read: (r) => r.requiredList("X", "as"),
      problem: "X is required: as",
    },
    {
      kind: "a list entry not allowed",
      env: { X: "RS256,HS256" },
      read: (r) => r.optionalList("X", ["RS256"], allowedAlgorithms),
      problem: "X may list only RS256, ES256 (comma-separated)",
    },
    {
      kind: "an empty allowed list",
      env: { X: " , " },
      read: (r) => r.optionalList("X", ["RS256"], allowedAlgorithms),
      problem: "X may list only RS256, ES256 (comma-separated)",
    },
    {
      kind: "a number over the range",
      env: { X: "101" },
      read: (r) => r.wholeNumber("X", 1, 0, 100),
      problem: 'X must be a whole number from 0 to 100, got "101"',
    },
    {
      kind: "a fraction",
      env: { X: "1.5" },
      read: (r) => r.wholeNumber("X", 1, 0, 100),
      problem: 'X must be a whole number from 0 to 100, got "1.5"',
    },
    {
      kind: "an exponent",
      env: { X: "1e2" },
      read: (r) => r.wholeNumber("X", 1, 0, 100),
      problem: 'X must be a whole number from 0 to 100, got "1e2"',
    },
    {
      kind: "a value outside an enum of three",
      env: { X: "prod" },
      read: (r) => r.oneOf("X", environments, "production"),
      problem: 'X must be one of production, staging, local, got "prod"',
    },
    {
      kind: "a value outside an enum of two",
      env: { X: "prefer" },
      read: (r) => r.oneOf("X", ["require", "disable"], "require"),
      problem: 'X must be require or disable, got "prefer"',
    },
    {
      kind: "a URL that does not parse",
      env: { X: "idp/jwks" },
      read: (r) => r.httpsUrl("X", "the JWKS", "https://idp.example.com/jwks.json"),
      problem: 'X must be a URL, e.g. https://idp.example.com/jwks.json, got "idp/jwks"',
    },
    {
      kind: "plain http off loopback",
      env: { X: "http://idp.example.com/jwks.json" },
      read: (r) => r.httpsUrl("X", "the JWKS", "https://e.g/"),
      problem: "X must use https (plain http is allowed only for 127.0.0.1/localhost, the local platform)",
    },
    {
      kind: "a missing URL",
      env: {},
      read: (r) => r.httpsUrl("X", "the JWKS", "https://e.g/"),
      problem: "X is required: the JWKS",
    },
    { kind: "missing JSON", env: {}, read: (r) => r.json("X", stringMap(r)), problem: "X is required" },
    {
      kind: "invalid JSON",
      env: { X: "{secret" },
      read: (r) => r.json("X", stringMap(r)),
      problem: "X is not valid JSON",
    },
    {
      kind: "JSON the caller refuses",
      env: { X: "[1]" },
      read: (r) => r.json("X", stringMap(r)),
      problem: "X must be a JSON object",
    },
  ])("reports $kind", ({ env, read, problem }) => {
    const { problems } = readWith(env, read);

    expect(problems).toEqual([problem]);
  });

  it("never echoes the text of invalid JSON, which may be a secret", () => {
    const { problems } = readWith({ X: "{hunter2" }, (r) => r.json("X", stringMap(r)));

    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("reports every problem at once in one error with a stable code", () => {
    // Prepare
    const reader = new EnvironmentReader({ PORT: "http", MODE: "fast", URL: "ftp://x" });

    // Act
    reader.required("NAME", "the service name");
    reader.wholeNumber("PORT", 8080, 0, 65_535);
    reader.oneOf("MODE", ["slow", "steady"], "slow");
    reader.httpsUrl("URL", "the callback", "https://example.com/cb");
    reader.problem("NAME and PORT disagree");

    // Assess
    expect(() => reader.finish("DEMO_CONFIG_INVALID", "the demo's environment")).toThrow(
      expect.objectContaining({
        code: "DEMO_CONFIG_INVALID",
        message: [
          "the demo's environment is invalid:",
          "- NAME is required: the service name",
          '- PORT must be a whole number from 0 to 65535, got "http"',
          '- MODE must be slow or steady, got "fast"',
          "- URL must use https (plain http is allowed only for 127.0.0.1/localhost, the local platform)",
          "- NAME and PORT disagree",
        ].join("\n"),
      }),
    );
  });

  it("does not throw when nothing is wrong", () => {
    const reader = new EnvironmentReader({ NAME: "silo" });
    reader.required("NAME", "the service name");

    expect(() => reader.finish("DEMO_CONFIG_INVALID", "the demo's environment")).not.toThrow();
  });
});
