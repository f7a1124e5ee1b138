/** How a column of {@link formatTextTable} is aligned: text left, amounts and counts right. */
export type ColumnAlignment = "left" | "right";

/** A column of {@link formatTextTable}. */
export interface TextTableColumn {
  readonly header: string;
  /** @default "left" */
  readonly align?: ColumnAlignment;
}

/**
 * Lays rows out as a plain-text table, columns two spaces apart, numbers right-aligned so that decimal
 * amounts of the same scale line up. Trailing spaces are trimmed.
 *
 * @example
 * formatTextTable([{ header: "TENANT" }, { header: "USD", align: "right" }], [["acme", "1.500000"]]);
 * // "TENANT       USD\nacme    1.500000\n"
 */
export function formatTextTable(
  columns: readonly TextTableColumn[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        const width = widths[index] ?? 0;
        return column.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return `${[line(columns.map((column) => column.header)), ...rows.map(line)].join("\n")}\n`;
}
