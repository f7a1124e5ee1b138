import * as z from "zod";
import { month, timestamp, usdAmount, usdAmountInput } from "./common.ts";

// Amounts carry their unit in the name (`limitUsd`), like `monthlyBudgetUsd` in the tenant file.

const alertThresholdPercent = z
  .int("must be a whole percentage")
  .min(1, "must be at least 1")
  .max(100, "must be at most 100")
  .describe("Alert the tenant's billing contacts when spend reaches this share of the budget");

/** `GET /v1/budget`: the month's budget, what has been spent of it and when it resets. */
export const budgetSchema = z
  .strictObject({
    month,
    limitUsd: usdAmount.describe("The monthly budget"),
    spentUsd: usdAmount.describe("Settled and reserved spend this month"),
    remainingUsd: usdAmount.describe("limitUsd minus spentUsd, never below zero"),
    alertThresholdPercent,
    resetsAt: timestamp.describe("Start of the next month (UTC), when spend starts again from zero"),
  })
  .meta({ id: "Budget" });

/**
 * Body of `PUT /v1/budget`: the whole budget configuration (PUT replaces it, so both fields are required).
 * A limit below what is already spent is accepted: further calls are refused until the month resets.
 */
export const updateBudgetBody = z
  .strictObject({
    monthlyBudgetUsd: usdAmountInput.describe("The new monthly budget in US dollars, as a decimal string"),
    alertThresholdPercent,
  })
  .meta({ id: "UpdateBudgetRequest" });
