import { describe, expect, it } from "vitest";
import { countTokens } from "../../../../runtime/core/models/countTokens.ts";

describe("countTokens", () => {
  it.each([
    ["", 0],
    ["a", 1],
    ["abcd", 1],
    ["abcde", 2],
    ["héllo", 2],
    ["日本語", 3],
    ["🙂", 1],
    ["x".repeat(4000), 1000],
  ])("counts %j as %i tokens (one per started 4 UTF-8 bytes)", (text, tokens) => {
    expect(countTokens(text)).toBe(tokens);
  });
});
