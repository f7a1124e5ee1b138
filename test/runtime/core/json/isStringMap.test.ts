import { describe, expect, it } from "vitest";
import { isStringMap } from "../../../../runtime/core/json/isStringMap.ts";

describe("isStringMap", () => {
  it.each([
    [{}, true],
    [{ a: "1", b: "" }, true],
    [{ a: 1 }, false],
    [{ a: "1", b: null }, false],
    [["a"], false],
    [null, false],
    ["a", false],
  ])("reads %j as a map of strings: %s", (value, expected) => {
    expect(isStringMap(value)).toBe(expected);
  });
});
