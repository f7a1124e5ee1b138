import { describe, expect, it } from "vitest";
import { exampleNumber } from "../../../../../runtime/core/models/echo/exampleNumber.ts";

describe("exampleNumber", () => {
  it.each([
    ["0 when allowed", {}, false, 0],
    ["the minimum above 0", { minimum: 2.5 }, false, 2.5],
    ["the first integer above a fractional minimum", { minimum: 2.5 }, true, 3],
    ["the maximum below 0", { maximum: -2.5 }, false, -2.5],
    ["the first integer below an exclusive maximum", { exclusiveMaximum: -2 }, true, -3],
    ["one above an exclusive minimum of 0", { exclusiveMinimum: 0 }, false, 1],
    ["the middle of a narrow exclusive range", { exclusiveMinimum: 1, exclusiveMaximum: 1.5 }, false, 1.25],
    ["draft-04's boolean exclusive minimum", { minimum: 4, exclusiveMinimum: true }, true, 5],
    ["the first multiple above the minimum", { minimum: 7, multipleOf: 5 }, true, 10],
    ["a decimal multiple", { minimum: 0.25, multipleOf: 0.1 }, false, 0.30000000000000004],
    ["the first multiple below the maximum", { maximum: -7, multipleOf: 5 }, true, -10],
  ])("gives %s", (_name, schema, integer, value) => {
    expect(exampleNumber(schema, integer)).toEqual({ value });
  });

  it.each([
    [{ minimum: 1.2, maximum: 1.8 }, true, "no integer fits the bounds"],
    [{ minimum: 3, maximum: 2 }, false, "no number fits the bounds"],
    [{ minimum: 1, maximum: 4, multipleOf: 5 }, true, "no integer fits the bounds"],
  ])("explains when nothing fits %j", (schema, integer, problem) => {
    expect(exampleNumber(schema, integer)).toEqual({ problem });
  });
});
