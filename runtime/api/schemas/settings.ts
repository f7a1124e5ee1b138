import * as z from "zod";
import { timestamp, withAtLeastOneField } from "./common.ts";
import { modelKey } from "./models.ts";

/** Characters the tenant's system prompt may hold. */
export const maxSystemPromptChars = 20_000;

const systemPrompt = z
  .string()
  .min(1, "must not be empty; send null to remove the system prompt")
  .max(maxSystemPromptChars, `must be at most ${maxSystemPromptChars} characters`);

// The same bounds as `dataRetentionDays` in tenants/schema.ts, which sets the initial value.
const dataRetentionDays = z
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(3650, "must be at most 3650 days (10 years)");

/** The settings a tenant's admins change through the API; the tenant file sets their initial values. */
export const settingsSchema = z
  .strictObject({
    defaultModel: modelKey.describe("Used when a request names no model; always in the allowlist"),
    systemPrompt: systemPrompt.nullable().describe("Put before every conversation's messages; null for none"),
    dataRetentionDays: dataRetentionDays.describe("Conversations untouched this long are deleted"),
    updatedAt: timestamp,
  })
  .meta({ id: "Settings" });

/** Body of `PATCH /v1/settings`: the fields to change; `systemPrompt: null` removes it. */
export const updateSettingsBody = withAtLeastOneField(
  z.strictObject({
    defaultModel: modelKey.optional().describe("Must be in the tenant's allowlist"),
    systemPrompt: systemPrompt.nullable().optional(),
    dataRetentionDays: dataRetentionDays.optional(),
  }),
).meta({ id: "UpdateSettingsRequest" });
