import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pageOf, pageQuery } from "../../../../runtime/api/schemas/pagination.ts";

describe("pageQuery", () => {
  it("defaults limit to 20 when the query string has none", () => {
    expect(pageQuery.parse({})).toEqual({ limit: 20 });
  });

  it("coerces limit from the query string and keeps the cursor", () => {
    expect(pageQuery.parse({ limit: "50", cursor: "eyJpZCI6MX0" })).toEqual({
      limit: 50,
      cursor: "eyJpZCI6MX0",
    });
  });

  it("rejects a limit outside 1-100 or not a whole number, saying how to get more", () => {
    const message = (limit: string) => pageQuery.safeParse({ limit }).error?.issues[0]?.message;

    expect(message("101")).toBe("must be at most 100; follow nextCursor for more");
    expect(message("0")).toBe("must be a whole number from 1 to 100");
    expect(message("2.5")).toBe("must be a whole number from 1 to 100");
    expect(message("ten")).toBe("must be a whole number from 1 to 100");
  });

  it("rejects a tampered cursor and an unknown query parameter", () => {
    expect(pageQuery.safeParse({ cursor: "abc/../def" }).success).toBe(false);
    expect(pageQuery.safeParse({ page: "2" }).success).toBe(false);
  });
});

describe("pageOf", () => {
  const page = pageOf(z.strictObject({ id: z.string() }));

  it("accepts { data, nextCursor } with a null cursor on the last page", () => {
    expect(page.safeParse({ data: [{ id: "a" }], nextCursor: null }).success).toBe(true);
  });

  it("rejects a page without nextCursor or with more than 100 items", () => {
    expect(page.safeParse({ data: [] }).success).toBe(false);
    expect(
      page.safeParse({ data: Array.from({ length: 101 }, () => ({ id: "a" })), nextCursor: null }).success,
    ).toBe(false);
  });
});
