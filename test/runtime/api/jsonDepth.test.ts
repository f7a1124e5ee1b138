import { describe, expect, it } from "vitest";
import { jsonDepth } from "../../../runtime/api/jsonDepth.ts";

/** An array nested `depth` levels deep: [[[...]]]. */
const nested = (depth: number): unknown => {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
};

describe("jsonDepth", () => {
  it.each([
    [1, 0],
    [{}, 1],
    [{ a: [1, { b: 2 }] }, 3],
    [nested(64), 64],
  ])("measures %j as %i deep", (value, depth) => {
    expect(jsonDepth(value, 100)).toBe(depth);
  });

  it("stops just past the limit, without recursion, however deep the value is", () => {
    expect(jsonDepth(nested(100_000), 64)).toBe(65);
  });
});
