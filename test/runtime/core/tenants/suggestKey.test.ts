import { describe, expect, it } from "vitest";
import { suggestKey } from "../../../../runtime/core/tenants/suggestKey.ts";

describe("suggestKey", () => {
  const known = ["monthlyBudgetUsd", "requestsPerSecond", "burst"];

  it("suggests the key differing only by case", () => {
    expect(suggestKey("monthlyBudgetUSD", known)).toBe("monthlyBudgetUsd");
  });

  it("suggests the key one edit away", () => {
    expect(suggestKey("burts", known)).toBe("burst");
  });

  it("suggests nothing when no key is close", () => {
    expect(suggestKey("colour", known)).toBeUndefined();
  });

  it("suggests nothing when there are no known keys", () => {
    expect(suggestKey("burst", [])).toBeUndefined();
  });
});
