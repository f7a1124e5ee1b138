import { describe, expect, it } from "vitest";
import { imageType } from "../../../../../runtime/core/models/images/imageType.ts";

describe("imageType", () => {
  it.each([
    ["89504e470d0a1a0a0000", "image/png"],
    ["ffd8ffe000104a464946", "image/jpeg"],
    ["474946383961", "image/gif"],
    ["524946462400000057454250565038", "image/webp"],
    ["52494646240000005741564566", undefined],
    ["25504446", undefined],
    ["", undefined],
  ])("reads %s as %s", (hex, expected) => {
    expect(imageType(Buffer.from(hex, "hex"))).toBe(expected);
  });
});
