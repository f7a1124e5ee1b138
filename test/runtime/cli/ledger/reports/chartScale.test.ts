import { describe, expect, it } from "vitest";
import { chartScale } from "../../../../../runtime/cli/ledger/reports/chartScale.ts";

describe("chartScale", () => {
  it("rounds the axis up to a step of 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(chartScale(2.21)).toEqual({ max: 3, ticks: [0, 1, 2, 3], decimals: 0 });
    expect(chartScale(1.116)).toEqual({ max: 1.5, ticks: [0, 0.5, 1, 1.5], decimals: 1 });
    expect(chartScale(0.0466)).toEqual({ max: 0.06, ticks: [0, 0.02, 0.04, 0.06], decimals: 2 });
    expect(chartScale(9)).toEqual({ max: 10, ticks: [0, 2.5, 5, 7.5, 10], decimals: 1 });
  });

  it("draws an empty month on a 0 to 1 axis", () => {
    expect(chartScale(0).max).toBe(1);
    expect(chartScale(Number.NaN).max).toBe(1);
  });
});
