import { describe, expect, it } from "vitest";
import { templateVariables } from "../../../../runtime/core/templates/templateVariables.ts";

describe("templateVariables", () => {
  it("lists each variable once, in order of first use, with or without spaces in the braces", () => {
    expect(templateVariables("Hello {{name}}, about {{ topic }}: {{name}}")).toEqual(["name", "topic"]);
  });

  it("finds nothing in plain text", () => {
    expect(templateVariables("no placeholders here")).toEqual([]);
  });
});
