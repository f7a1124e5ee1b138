import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CursorSortKind,
  decodeCursor,
  encodeCursor,
  toPage,
} from "../../../../runtime/core/pagination/keysetCursor.ts";

const id = "0b7e6f9c-3f0a-4c55-9d1e-6f2a8c1d4e5b";
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function refusal(cursor: string, sortKind: CursorSortKind): unknown {
  try {
    decodeCursor(cursor, sortKind);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("decodeCursor", () => {
  it.each([
    ["timestamp", "2026-11-26T09:30:00.123456Z"],
    ["integer", "0"],
    ["integer", "123456789012345678"],
    ["text", "Discharge summary – ward 4b"],
  ] as const)("gives back a %s position it encoded", (sortKind, sortValue) => {
    const cursor = encodeCursor({ sortValue, id });

    expect(decodeCursor(cursor, sortKind)).toEqual({ sortValue, id });
  });

  it("passes no cursor through as undefined", () => {
    expect(decodeCursor(undefined, "timestamp")).toBeUndefined();
  });

  it.each([
    ["a date that is not one", cursorOf(["not-a-date", id]), "timestamp"],
    ["a day that does not exist", cursorOf(["2026-02-30T00:00:00.000000Z", id]), "timestamp"],
    ["an hour that does not exist", cursorOf(["2026-02-01T25:00:00.000000Z", id]), "timestamp"],
    ["year 0 (Postgres has none)", cursorOf(["0000-01-01T00:00:00.000000Z", id]), "timestamp"],
    ["milliseconds only", cursorOf(["2026-11-26T09:30:00.123Z", id]), "timestamp"],
    ["an id that is not a uuid", cursorOf(["2026-11-26T09:30:00.123456Z", "x"]), "timestamp"],
    ["a number past bigint", cursorOf(["99999999999999999999", id]), "integer"],
    ["a negative sequence", cursorOf(["-1", id]), "integer"],
    ["an exponent", cursorOf(["1e9", id]), "integer"],
    ["a NUL in a name", cursorOf(["a\u0000b", id]), "text"],
    ["a name longer than any stored", cursorOf(["n".repeat(201), id]), "text"],
    ["three parts", cursorOf(["2026-11-26T09:30:00.123456Z", id, "x"]), "timestamp"],
    ["numbers instead of strings", cursorOf([1, 2]), "integer"],
    ["an object", cursorOf({ sortValue: "1", id }), "integer"],
    ["not base64url", "***", "timestamp"],
    ["not JSON", Buffer.from("[oops").toString("base64url"), "timestamp"],
    ["a huge cursor", "A".repeat(2000), "timestamp"],
  ] as const)("refuses %s as a validation error on query.cursor", (_name, cursor, sortKind) => {
    expect(refusal(cursor, sortKind)).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [
        {
          path: "query.cursor",
          message: "is not a cursor this list issued; pass nextCursor back unchanged",
        },
      ],
    });
  });

  it("either decodes any string to a checked position or refuses it, never anything else", () => {
    const kinds = fc.constantFrom<CursorSortKind>("timestamp", "integer", "text");
    const forged = fc.oneof(
      fc.string(),
      fc.tuple(fc.string(), fc.oneof(fc.string(), fc.uuid())).map(cursorOf),
      fc.jsonValue().map(cursorOf),
    );
    fc.assert(
      fc.property(forged, kinds, (cursor, sortKind) => {
        const error = refusal(cursor, sortKind);
        if (error !== undefined) {
          expect(error).toMatchObject({ code: "VALIDATION_FAILED" });
          return;
        }
        const position = decodeCursor(cursor, sortKind);
        expect(position?.id).toMatch(/^[0-9a-f-]{36}$/i);
      }),
    );
  });
});

describe("toPage", () => {
  const rows = Array.from({ length: 6 }, (_, index) => ({
    seq: String(index + 1),
    id,
    text: "x".repeat(1000),
  }));
  const page = (limit: number, maxBytes?: number) =>
    toPage(
      rows,
      limit,
      (row) => ({ text: row.text }),
      (row) => ({ sortValue: row.seq, id: row.id }),
      maxBytes,
    );

  it("holds at most limit items, with the cursor of the last when more rows exist", () => {
    const { data, nextCursor } = page(5);

    expect(data).toHaveLength(5);
    expect(decodeCursor(nextCursor ?? undefined, "integer")).toEqual({ sortValue: "5", id });
  });

  it("ends a page before the item that would take it over maxBytes, with the cursor of its last item", () => {
    const { data, nextCursor } = page(5, 2500);

    expect(data).toHaveLength(2);
    expect(decodeCursor(nextCursor ?? undefined, "integer")).toEqual({ sortValue: "2", id });
  });

  it("always holds one item, however large", () => {
    expect(page(5, 10).data).toHaveLength(1);
  });
});
