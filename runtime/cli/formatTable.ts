/**
 * Lays rows out as a plain-text table with left-aligned, space-padded columns.
 *
 * @example
 * formatTable(["ID", "TIER"], [["acme", "regulated"]]);
 * // "ID    TIER\nacme  regulated\n"
 */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join("\n")}\n`;
}
