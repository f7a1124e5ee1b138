import { describe, expect, it } from "vitest";
import { converseUsage } from "../../../../../runtime/core/models/bedrock/converseUsage.ts";

const context = { provider: "bedrock" as const, modelKey: "claude-sonnet" };

describe("converseUsage", () => {
  it("maps the four Converse counts one to one, since inputTokens excludes the cache reads and writes", () => {
    expect(
      converseUsage(
        {
          inputTokens: 12,
          outputTokens: 4,
          totalTokens: 66,
          cacheReadInputTokens: 30,
          cacheWriteInputTokens: 20,
        },
        context,
      ),
    ).toStrictEqual({ inputTokens: 12, outputTokens: 4, cacheReadTokens: 30, cacheWriteTokens: 20 });
  });

  it("counts absent cache fields as 0", () => {
    expect(converseUsage({ inputTokens: 1, outputTokens: 2, totalTokens: 3 }, context)).toStrictEqual({
      inputTokens: 1,
      outputTokens: 2,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
  });

  it.each([
    [undefined, "usage.inputTokens is undefined"],
    [{ inputTokens: 1, outputTokens: -2, totalTokens: 3 }, "usage.outputTokens is -2"],
    [
      { inputTokens: 1, outputTokens: 2, totalTokens: 3, cacheWriteInputTokens: 0.5 },
      "usage.cacheWriteInputTokens is 0.5",
    ],
  ])("refuses %j as a bad response", (usage, problem) => {
    expect(() => converseUsage(usage, context)).toThrow(`(${problem})`);
  });
});
