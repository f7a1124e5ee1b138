import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  idempotencyKey,
  metadata,
  month,
  resourceId,
  timestamp,
  usdAmount,
  usdAmountInput,
  withAtLeastOneField,
} from "../../../../runtime/api/schemas/common.ts";

function firstMessage(schema: z.ZodType, value: unknown): string | undefined {
  return schema.safeParse(value).error?.issues[0]?.message;
}

describe("usdAmount", () => {
  it("accepts dollars with exactly six decimal places", () => {
    expect(usdAmount.safeParse("12.345600").success).toBe(true);
    expect(usdAmount.safeParse("0.000000").success).toBe(true);
  });

  it("rejects floats, other precisions and leading zeros", () => {
    for (const value of [12.3456, "12.34", "012.345600", "-1.000000", "1e3"]) {
      expect(firstMessage(usdAmount, value)).toBeDefined();
    }
  });
});

describe("usdAmountInput", () => {
  it("accepts whole dollars and up to six decimal places", () => {
    for (const value of ["250", "99.5", "0.000001", "99999999.999999"]) {
      expect(usdAmountInput.safeParse(value).success).toBe(true);
    }
  });

  it("rejects a number with a message that says to send a string", () => {
    expect(firstMessage(usdAmountInput, 250)).toBe("Invalid input: expected string, received number");
    expect(firstMessage(usdAmountInput, "250.1234567")).toBe(
      'must be a decimal string of US dollars (at most 6 decimal places, below 100000000), e.g. "250" or "99.50"; not a number',
    );
  });

  it("rejects an amount of 100000000 or more", () => {
    expect(usdAmountInput.safeParse("100000000").success).toBe(false);
  });
});

describe("month", () => {
  it("accepts YYYY-MM and rejects other shapes", () => {
    expect(month.safeParse("2025-01").success).toBe(true);
    for (const value of ["2025-13", "2025-1", "2025-01-31", "01-2025"]) {
      expect(firstMessage(month, value)).toBe("must be a month as YYYY-MM, e.g. 2025-01");
    }
  });
});

describe("ids and timestamps", () => {
  it("accepts a UUID and rejects anything else with an example", () => {
    expect(resourceId.safeParse("0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b").success).toBe(true);
    expect(firstMessage(resourceId, "conv_123")).toBe(
      "must be a UUID, e.g. 0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b",
    );
  });

  it("accepts a UTC ISO 8601 timestamp and rejects an offset or a date alone", () => {
    expect(timestamp.safeParse("2025-01-31T09:30:00.123Z").success).toBe(true);
    expect(timestamp.safeParse("2025-01-31T09:30:00+01:00").success).toBe(false);
    expect(timestamp.safeParse("2025-01-31").success).toBe(false);
  });
});

describe("metadata", () => {
  it("accepts 16 string labels and rejects a 17th", () => {
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`key${index}`, "value"]));

    expect(metadata.safeParse(sixteen).success).toBe(true);
    expect(firstMessage(metadata, { ...sixteen, key16: "value" })).toBe(
      "has more than 16 keys; keep at most 16",
    );
  });

  it("rejects non-string values, empty keys and oversized values", () => {
    expect(metadata.safeParse({ count: 1 }).success).toBe(false);
    expect(firstMessage(metadata, { "": "x" })).toBe("metadata keys must be 1-64 characters");
    expect(firstMessage(metadata, { note: "x".repeat(513) })).toBe(
      "metadata values are at most 512 characters",
    );
  });
});

describe("idempotencyKey", () => {
  it("accepts a UUID and rejects spaces and oversized keys", () => {
    expect(idempotencyKey.safeParse("0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b").success).toBe(true);
    expect(idempotencyKey.safeParse("has space").success).toBe(false);
    expect(idempotencyKey.safeParse("k".repeat(256)).success).toBe(false);
  });
});

describe("withAtLeastOneField", () => {
  const schema = withAtLeastOneField(
    z.strictObject({ title: z.string().optional(), tags: z.string().optional() }),
  );

  it("rejects an empty object, naming the fields to give", () => {
    expect(firstMessage(schema, {})).toBe("is empty; give at least one field to change: title, tags");
  });

  it("accepts any one field and still rejects unknown keys", () => {
    expect(schema.safeParse({ tags: "a" }).success).toBe(true);
    expect(schema.safeParse({ title: "a", colour: "red" }).success).toBe(false);
  });

  it("shows as minProperties 1 in JSON Schema", () => {
    expect(z.toJSONSchema(schema)).toMatchObject({ minProperties: 1, additionalProperties: false });
  });
});
