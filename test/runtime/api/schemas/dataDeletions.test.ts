import { describe, expect, it } from "vitest";
import {
  createDataDeletionBody,
  dataDeletionJobSchema,
} from "../../../../runtime/api/schemas/dataDeletions.ts";

describe("createDataDeletionBody", () => {
  it("accepts the confirmation phrase with a reason", () => {
    const result = createDataDeletionBody.safeParse({
      confirm: "delete all conversation data",
      reason: "customer offboarding",
    });

    expect(result.success).toBe(true);
  });

  it("rejects an empty body and a wrong phrase, saying the phrase", () => {
    const missing = createDataDeletionBody.safeParse({});
    const wrong = createDataDeletionBody.safeParse({ confirm: "yes" });

    expect(missing.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toBe(
      'must be exactly "delete all conversation data": the deletion cannot be undone',
    );
  });
});

describe("dataDeletionJobSchema", () => {
  it("accepts a succeeded job with what it removed, and rejects an unknown status", () => {
    const job = {
      id: "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b",
      reason: null,
      status: "succeeded",
      createdAt: "2025-01-31T09:30:00Z",
      startedAt: "2025-01-31T09:30:01Z",
      completedAt: "2025-01-31T09:30:05Z",
      error: null,
      removed: { conversations: 12, messages: 340 },
    };

    expect(dataDeletionJobSchema.safeParse(job).success).toBe(true);
    expect(dataDeletionJobSchema.safeParse({ ...job, status: "done" }).success).toBe(false);
  });
});
