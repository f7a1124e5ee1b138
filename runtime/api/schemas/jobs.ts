import * as z from "zod";
import { timestamp } from "./common.ts";

// Exports and data deletions run asynchronously: the POST answers 202 with a job the client polls.

/** The states of an asynchronous job, in the order it moves through them. */
export const jobStatuses = ["pending", "running", "succeeded", "failed"] as const;

/** Where an asynchronous job is: `pending` (queued), `running`, then `succeeded` or `failed`. */
export const jobStatus = z.enum(jobStatuses);

/** Why a job failed. */
export const jobErrorSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
    message: z.string().max(2000),
  })
  .meta({ id: "JobError", description: "Why a job failed: a stable code and a message naming the fix" });

/** Fields every job shares; spread into a job's object schema. */
export const jobFields = {
  status: jobStatus,
  createdAt: timestamp,
  startedAt: timestamp.nullable().describe("Null while pending"),
  completedAt: timestamp.nullable().describe("Null until the job succeeded or failed"),
  error: jobErrorSchema.nullable().describe("Set only when status is failed"),
};
