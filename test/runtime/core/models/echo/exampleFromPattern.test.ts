import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleFromPattern } from "../../../../../runtime/core/models/echo/exampleFromPattern.ts";

/** The pattern zod 4 puts on a string schema, as its JSON Schema says it. */
function zodPattern(schema: z.ZodString | z.ZodType): string {
  return (z.toJSONSchema(schema) as { pattern: string }).pattern;
}

describe("exampleFromPattern", () => {
  it.each([
    ["^[A-Z]{3}-\\d{2}$", "AAA-00"],
    ["^\\d{5}$", "00000"],
    ["^(?:yes|no)$", "yes"],
    ["^[^a-z]+$", "0"],
    ["^a*b+c?d{2,}e{1,3}$", "bdde"],
    ["^\\w\\s\\W\\.\\u0041\\x42\\u{1F600}$", "a -.AB😀"],
    ["^(?<year>\\d{4})-(?!00)\\d\\d$", "0000-00"],
    ["^[\\-_.]$", "-"],
    ["^\\p{L}$", "a"],
  ])("makes %s into %j", (pattern, expected) => {
    expect(exampleFromPattern(pattern)).toBe(expected);
  });

  it.each([
    ["email", zodPattern(z.email())],
    ["uuid", zodPattern(z.uuid())],
    ["date", zodPattern(z.iso.date())],
    ["date-time", zodPattern(z.iso.datetime())],
    ["a custom regex", zodPattern(z.string().regex(/^sk-[a-zA-Z0-9]{8,}$/))],
  ])("makes a string zod's %s pattern accepts", (_name, pattern) => {
    const example = exampleFromPattern(pattern);

    expect(example).toBeDefined();
    expect(new RegExp(pattern, "u").test(example ?? "")).toBe(true);
  });

  it.each(["^(unclosed$", "^[unclosed$", "a)b", "^a{1000000000}$"])(
    "gives undefined for the unreadable pattern %s",
    (pattern) => {
      expect(exampleFromPattern(pattern)).toBeUndefined();
    },
  );
});
