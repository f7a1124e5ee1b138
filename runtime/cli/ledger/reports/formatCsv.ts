/**
 * Writes rows as RFC 4180 CSV: CRLF after every record, and a field in double quotes (its quotes doubled)
 * when it holds a comma, a quote, a line break or leading or trailing spaces; other fields as they are.
 *
 * @example
 * formatCsv([["tenant", "note"], ["acme", 'says "hi", twice']]);
 * // 'tenant,note\r\nacme,"says ""hi"", twice"\r\n'
 */
export function formatCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
