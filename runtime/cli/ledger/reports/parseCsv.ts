import { pipeline, Readable } from "node:stream";
import { CsvError, type InfoRecord, type Options, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { SiloError } from "../../../core/errors/siloError.ts";

/** One record of a CSV file, with the line it starts on (records with quoted newlines span lines). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** A CSV file that breaks RFC 4180 where no reading of it would be safe (unbalanced quotes). */
export class CsvSyntaxError extends SiloError {
  constructor(source: string, line: number, problem: string, cause?: unknown) {
    super(
      "CSV_INVALID",
      `${source}:${line}: ${problem}; the file is not valid CSV (RFC 4180): re-export it rather than editing it by hand`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/**
 * Reads CSV text as RFC 4180 records with csv-parse: fields separated by commas, records by CRLF, LF or CR
 * (mixed in one file too); a field in double quotes may hold commas, line breaks and doubled quotes (`""`
 * for `"`). A leading byte-order mark is dropped, and so is the line break ending the last record; records
 * may differ in length. Strict where the RFC is, because a misread cost column would be silently wrong: a
 * quote inside an unquoted field, text after a closing quote, and an unterminated quote are errors naming
 * the line. For text already in memory; a file of any size goes through {@link readCsvRecords}.
 *
 * @example
 * parseCsv('a,"b,c"\r\n1,"say ""hi"""\n').map((record) => record.fields);
 * // [["a", "b,c"], ["1", 'say "hi"']]
 */
export function parseCsv(text: string, source = "csv"): CsvRecord[] {
  const reading = readingOf(source);
  try {
    return parseSync(text, reading.options) as unknown as CsvRecord[];
  } catch (error) {
    throw reading.syntaxError(error);
  }
}

/**
 * {@link parseCsv} as a stream: reads `input` (the text, or its chunks as they come off a file or a gunzip
 * stream) and yields each record as soon as it is complete, so a CUR export of any size is never held in
 * memory. An error of `input` itself (a file that cannot be read) is thrown as it is.
 *
 * @example
 * for await (const record of readCsvRecords(createReadStream("cur.csv"), "cur.csv")) console.log(record.fields);
 */
export async function* readCsvRecords(
  input: string | AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  source = "csv",
): AsyncGenerator<CsvRecord> {
  const reading = readingOf(source);
  const parser = parse(reading.options);
  // pipeline destroys the parser with the input's error, and the input when the reader stops early.
  pipeline(Readable.from(typeof input === "string" ? [input] : input), parser, () => {});
  try {
    yield* parser as AsyncIterable<CsvRecord>;
  } catch (error) {
    throw reading.syntaxError(error);
  }
}

/** csv-parse's options for one file, and the mapping of its errors to the line a reader can find. */
function readingOf(source: string) {
  // Counted here rather than taken from csv-parse, which counts a CRLF inside a quoted field as two lines.
  let nextLine = 1;
  let parserLines = 0;
  const options: Options = {
    bom: true,
    relax_column_count: true,
    record_delimiter: ["\r\n", "\n", "\r"],
    raw: true,
    // With `raw`, csv-parse hands each record over as { record, raw }; what it returns is the output.
    on_record: ((output: { record: string[]; raw: string }, context: InfoRecord): CsvRecord => {
      const line = nextLine;
      nextLine += countLineBreaks(output.raw);
      parserLines = context.lines;
      return { line, fields: output.record };
    }) as unknown as Options["on_record"],
  };
  const problems: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
    CSV_INVALID_CLOSING_QUOTE: "text follows the closing quote of a field",
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows the closing quote of a field",
    INVALID_OPENING_QUOTE: "a double quote inside a field that is not quoted",
  };
  return {
    options,
    syntaxError(error: unknown): unknown {
      if (!(error instanceof CsvError)) return error;
      // An unclosed quote is reported where its record starts; the others where csv-parse met them.
      const linesIntoRecord = Math.max(0, Number((error as { lines?: number }).lines ?? 0) - parserLines - 1);
      const line = error.code === "CSV_QUOTE_NOT_CLOSED" ? nextLine : nextLine + linesIntoRecord;
      return new CsvSyntaxError(source, line, problems[error.code] ?? error.message, error);
    },
  };
}

function countLineBreaks(text: string): number {
  let breaks = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === "\n" || (character === "\r" && text[index + 1] !== "\n")) breaks += 1;
  }
  return breaks;
}
