import { SiloError } from "../../../core/errors/siloError.ts";

/** One record of a CSV file, with the line it starts on (records with quoted newlines span lines). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** A CSV file that breaks RFC 4180 where no reading of it would be safe (unbalanced quotes). */
export class CsvSyntaxError extends SiloError {
  constructor(source: string, line: number, problem: string) {
    super(
      "CSV_INVALID",
      `${source}:${line}: ${problem}; the file is not valid CSV (RFC 4180): re-export it rather than editing it by hand`,
    );
  }
}

/**
 * Reads CSV text as RFC 4180 records: fields separated by commas, records by CRLF or LF; a field in double
 * quotes may hold commas, line breaks and doubled quotes (`""` for `"`). A leading byte-order mark is
 * dropped, and so is the line break ending the last record. A generator, so a large export is never held
 * as one array of rows. Strict where the RFC is, because a misread cost column would be silently wrong: a
 * quote inside an unquoted field, text after a closing quote, and an unterminated quote are errors.
 * (No CSV parser is among the kit's dependencies, and this is all the kit needs.)
 *
 * @example
 * [...parseCsv('a,"b,c"\r\n1,"say ""hi"""\n')].map((record) => record.fields);
 * // [["a", "b,c"], ["1", 'say "hi"']]
 */
export function* parseCsv(text: string, source = "csv"): Generator<CsvRecord> {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const length = input.length;
  let position = 0;
  let line = 1;
  while (position < length) {
    const recordLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = "";
      if (input[position] === '"') {
        position += 1;
        for (;;) {
          const quote = input.indexOf('"', position);
          if (quote === -1) throw new CsvSyntaxError(source, recordLine, "a quoted field is never closed");
          field += input.slice(position, quote);
          line += countLineBreaks(input, position, quote);
          if (input[quote + 1] === '"') {
            field += '"';
            position = quote + 2;
            continue;
          }
          position = quote + 1;
          break;
        }
        const next = input[position];
        if (position < length && next !== "," && next !== "\n" && next !== "\r") {
          throw new CsvSyntaxError(source, line, "text follows the closing quote of a field");
        }
      } else {
        let end = position;
        while (end < length && input[end] !== "," && input[end] !== "\n" && input[end] !== "\r") {
          if (input[end] === '"') {
            throw new CsvSyntaxError(source, line, "a double quote inside a field that is not quoted");
          }
          end += 1;
        }
        field = input.slice(position, end);
        position = end;
      }
      fields.push(field);
      const separator = input[position];
      if (separator === ",") {
        position += 1;
      } else {
        endOfRecord = true;
        if (separator === "\r") position += input[position + 1] === "\n" ? 2 : 1;
        else if (separator === "\n") position += 1;
        if (separator !== undefined) line += 1;
      }
    }
    yield { line: recordLine, fields };
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let index = from; index < to; index += 1) {
    const character = text[index];
    if (character === "\n" || (character === "\r" && text[index + 1] !== "\n")) breaks += 1;
  }
  return breaks;
}
