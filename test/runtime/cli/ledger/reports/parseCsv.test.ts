import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../../../runtime/cli/ledger/reports/parseCsv.ts";

const rows = (text: string) => [...parseCsv(text, "test.csv")].map((record) => record.fields);

describe("parseCsv", () => {
  it("reads plain fields and records separated by CRLF or LF", () => {
    expect(rows("a,b,c\r\n1,2,3\n4,5,6")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks", () => {
    const text =
      'id,tags,note\r\n1,"{""user:silo:tenant"":""acme"",""env"":""prod""}","line one\r\nline two"\r\n';

    expect(rows(text)).toEqual([
      ["id", "tags", "note"],
      ["1", '{"user:silo:tenant":"acme","env":"prod"}', "line one\r\nline two"],
    ]);
  });

  it("keeps empty fields, including a trailing one and an empty quoted one", () => {
    expect(rows('a,,"",\n')).toEqual([["a", "", "", ""]]);
  });

  it("drops a byte-order mark and the final line break, but no other data", () => {
    expect(rows("\uFEFFa,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(rows("")).toEqual([]);
  });

  it("reports the line each record starts on, counting line breaks inside quotes", () => {
    const records = [...parseCsv('h\n"multi\nline"\nnext\n')];

    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it("rejects an unterminated quote, naming the line the record starts on", () => {
    expect(() => rows('a\n"never closed,\nx\n')).toThrow(
      expect.objectContaining({
        code: "CSV_INVALID",
        message:
          "test.csv:2: a quoted field is never closed; the file is not valid CSV (RFC 4180): re-export it rather than editing it by hand",
      }),
    );
  });

  it("rejects text after a closing quote and a quote inside an unquoted field", () => {
    expect(() => rows('"a"b,c\n')).toThrow(/test\.csv:1: text follows the closing quote of a field/);
    expect(() => rows('ok\nab"c,d\n')).toThrow(
      /test\.csv:2: a double quote inside a field that is not quoted/,
    );
  });
});
