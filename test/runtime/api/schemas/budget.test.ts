import { describe, expect, it } from "vitest";
import { budgetSchema, updateBudgetBody } from "../../../../runtime/api/schemas/budget.ts";

describe("updateBudgetBody", () => {
  it("accepts the budget as a decimal string with a threshold", () => {
    const result = updateBudgetBody.safeParse({ monthlyBudgetUsd: "250.00", alertThresholdPercent: 80 });

    expect(result.success).toBe(true);
  });

  it("rejects the budget as a float, and a threshold outside 1-100", () => {
    const result = updateBudgetBody.safeParse({ monthlyBudgetUsd: 250.5, alertThresholdPercent: 120 });

    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual([
      "monthlyBudgetUsd",
      "alertThresholdPercent",
    ]);
  });

  it("requires both fields, since PUT replaces the configuration", () => {
    expect(updateBudgetBody.safeParse({ monthlyBudgetUsd: "250" }).success).toBe(false);
  });
});

describe("budgetSchema", () => {
  it("describes a month's budget with six-place amounts and the reset instant", () => {
    const result = budgetSchema.safeParse({
      month: "2025-01",
      limitUsd: "250.000000",
      spentUsd: "12.345600",
      remainingUsd: "237.654400",
      alertThresholdPercent: 80,
      resetsAt: "2025-02-01T00:00:00Z",
    });

    expect(result.success).toBe(true);
  });
});
