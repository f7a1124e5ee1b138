import type * as z from "zod";

type Issue = z.core.$ZodIssue;

/**
 * Renders a value the way the user wrote it in YAML, short enough for one error line.
 *
 * @example
 * showValue("gold"); // '"gold"'
 * showValue([1, 2]); // 'a list'
 */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

const typeWords: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
};

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${showValue(value)}`;
}

/**
 * Turns one zod issue (parsed with `reportInput: true`) into a message that names the bad value and what is
 * allowed. Messages written into the schema (custom checks, regex rules) are kept, prefixed by the value.
 */
export function describeIssue(issue: Issue): string {
  const value = issue.input;
  switch (issue.code) {
    case "invalid_type": {
      const expected = typeWords[issue.expected] ?? issue.expected;
      if (value === undefined) return `is required: expected ${expected}`;
      return `expected ${expected}, got ${describeType(value)}`;
    }
    case "invalid_value":
      return `${showValue(value)} is not allowed; use one of: ${issue.values.map((v) => String(v)).join(", ")}`;
    case "too_small": {
      if (issue.origin === "array") return `${issue.message} (got ${countOf(value)})`;
      if (issue.origin === "string") {
        if (Number(issue.minimum) === 1) return `${showValue(value)} is empty: ${issue.message}`;
        return `${showValue(value)} is too short: at least ${issue.minimum} character(s)`;
      }
      const bound = issue.inclusive === false ? "greater than" : "at least";
      return `${showValue(value)} is too small: must be ${bound} ${issue.minimum}`;
    }
    case "too_big": {
      if (issue.origin === "array") return `has ${countOf(value)} entries: at most ${issue.maximum} allowed`;
      if (issue.origin === "string") {
        return `${showValue(value)} is too long: at most ${issue.maximum} character(s)`;
      }
      const bound = issue.inclusive === false ? "less than" : "at most";
      return `${showValue(value)} is too large: must be ${bound} ${issue.maximum}`;
    }
    case "invalid_format":
      return `${showValue(value)} ${issue.message}`;
    case "unrecognized_keys":
      return `unknown key(s) ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    case "custom":
      return value === undefined || typeof value === "object"
        ? issue.message
        : `${showValue(value)} ${issue.message}`;
    default:
      return issue.message;
  }
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}
