import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleString, formatExamples } from "../../../../../runtime/core/models/echo/exampleString.ts";
import { schemaErrors } from "./schemaValidator.ts";

describe("exampleString", () => {
  it.each([
    ["emoji", z.emoji()],
    ["jwt", z.jwt()],
    ["base64", z.base64()],
    ["base64url", z.base64url()],
    ["hex", z.hex()],
    ["e164", z.e164()],
    ["cidrv4", z.cidrv4()],
    ["time without a format (zod's iso.time)", z.iso.time()],
    ["local date-time", z.iso.datetime({ local: true })],
  ])("makes a string zod's %s check accepts", (_name, check) => {
    const example = exampleString(z.toJSONSchema(check) as Record<string, unknown>, "echo: hi");

    expect(example).toHaveProperty("value");
    expect(check.safeParse("value" in example ? example.value : undefined).success).toBe(true);
  });

  it.each(Object.entries(formatExamples))(
    "gives format %s an example validators accept",
    (format, example) => {
      expect(exampleString({ format }, "text")).toEqual({ value: example });
      expect(schemaErrors({ type: "string", format }, example)).toEqual([]);
    },
  );

  it.each([
    ["the text as it is", {}, "echo: hi"],
    ["the text cut to maxLength", { maxLength: 4 }, "echo"],
    ["the text padded to minLength", { minLength: 10 }, "echo: hixx"],
    ["the text cut by code points", { maxLength: 1 }, "😀"],
    ["the pattern's example when the text fails it", { pattern: "^\\d+$" }, "0"],
    [
      "a format's example, even with a pattern it meets",
      { format: "uuid", pattern: "^[0-9a-f-]{36}$" },
      formatExamples.uuid,
    ],
    ["the text for an unknown format", { format: "colour" }, "echo: hi"],
  ])("gives %s", (_name, schema, value) => {
    const text = value === "😀" ? "😀 hi" : "echo: hi";

    expect(exampleString(schema, text)).toEqual({ value });
  });

  it("reads a pattern that compiles only without the u flag", () => {
    expect(exampleString({ pattern: "^a\\-b$" }, "echo")).toEqual({ value: "a-b" });
  });

  it.each([
    ["an invalid pattern", { pattern: "^(" }, "pattern ^( is not a valid regular expression"],
    [
      "a longer string than it builds",
      { minLength: 1e9 },
      "minLength 1000000000 is more than the 100000 characters the echo provider builds",
    ],
    ["bounds no string meets", { minLength: 3, maxLength: 2 }, "no example string found for length 3-2"],
    [
      "a format its pattern refuses",
      { format: "email", pattern: "^admin@" },
      'no example string found for format "email", pattern ^admin@, length 0-Infinity',
    ],
  ])("explains %s", (_name, schema, problem) => {
    expect(exampleString(schema, "echo")).toEqual({ problem });
  });
});
