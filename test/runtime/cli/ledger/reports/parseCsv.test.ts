import { describe, expect, it } from "vitest";
import {
  type CsvRecord,
  parseCsv,
  readCsvRecords,
} from "../../../../../runtime/cli/ledger/reports/parseCsv.ts";

async function collect(records: AsyncIterable<CsvRecord>): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

/** Every edge case holds for the in-memory reader and the streaming one, however a file is cut into chunks. */
const readers: ReadonlyArray<readonly [string, (text: string) => Promise<CsvRecord[]>]> = [
  ["parseCsv", async (text) => parseCsv(text, "test.csv")],
  ["readCsvRecords", (text) => collect(readCsvRecords(text, "test.csv"))],
  [
    "readCsvRecords, one byte per chunk",
    (text) =>
      collect(
        readCsvRecords(
          [...Buffer.from(text)].map((byte) => Buffer.of(byte)),
          "test.csv",
        ),
      ),
  ],
];

describe.each(readers)("%s", (_name, read) => {
  const rows = async (text: string) => (await read(text)).map((record) => record.fields);

  it("reads plain fields and records separated by CRLF or LF", async () => {
    expect(await rows("a,b,c\r\n1,2,3\n4,5,6")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks", async () => {
    const text =
      'id,tags,note\r\n1,"{""user:silo:tenant"":""acme"",""env"":""prod""}","line one\r\nline two"\r\n';

    expect(await rows(text)).toEqual([
      ["id", "tags", "note"],
      ["1", '{"user:silo:tenant":"acme","env":"prod"}', "line one\r\nline two"],
    ]);
  });

  it("keeps empty fields, including a trailing one and an empty quoted one", async () => {
    expect(await rows('a,,"",\n')).toEqual([["a", "", "", ""]]);
  });

  it("reads records of different lengths and UTF-8 text", async () => {
    expect(await rows("a,b,c\nnaïve,€ 1\n\nx\n")).toEqual([["a", "b", "c"], ["naïve", "€ 1"], [""], ["x"]]);
  });

  it("drops a byte-order mark and the final line break, but no other data", async () => {
    expect(await rows("\uFEFFa,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(await rows("")).toEqual([]);
  });

  it("reports the line each record starts on, counting line breaks inside quotes", async () => {
    const records = await read('h\n"multi\nline"\nnext\n');

    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it("counts a CRLF inside quotes as one line break", async () => {
    const records = await read('h\r\n"multi\r\nline"\r\nnext\r\n');

    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it("rejects an unterminated quote, naming the line the record starts on", async () => {
    await expect(rows('a\n"never closed,\nx\n')).rejects.toThrow(
      expect.objectContaining({
        code: "CSV_INVALID",
        message:
          "test.csv:2: a quoted field is never closed; the file is not valid CSV (RFC 4180): re-export it rather than editing it by hand",
      }),
    );
  });

  it("rejects text after a closing quote and a quote inside an unquoted field", async () => {
    await expect(rows('"a"b,c\n')).rejects.toThrow(/test\.csv:1: text follows the closing quote of a field/);
    await expect(rows('ok\nab"c,d\n')).rejects.toThrow(
      /test\.csv:2: a double quote inside a field that is not quoted/,
    );
  });
});
