import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderVerificationTable, verifications } from "../../runtime/handoff/verification.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const handoff = await readFile(new URL("../../docs/handoff.md", import.meta.url), "utf8");

/** The table between the generated-table markers of docs/handoff.md. */
function documentedTable(): string {
  const match =
    /<!-- verification table: generated from runtime\/handoff\/verification\.ts -->\n([\s\S]*?)\n<!-- end of verification table -->/.exec(
      handoff,
    );
  return match?.[1] ?? "";
}

/** A Markdown table's cells, trimmed, so the check survives the formatter aligning the columns. */
function tableCells(table: string): string[][] {
  return table
    .trim()
    .split("\n")
    .map((row) =>
      row
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((cell) => (/^\s*:?-+:?\s*$/.test(cell) ? "---" : cell.trim())),
    );
}

describe("docs/handoff.md, what was verified how", () => {
  it("shows the table rendered from runtime/handoff/verification.ts", () => {
    expect(
      tableCells(documentedTable()),
      "paste renderVerificationTable(verifications) between the markers",
    ).toEqual(tableCells(renderVerificationTable(verifications)));
  });

  it("names only test files that exist, and at least one for every capability", () => {
    const files = verifications.flatMap((row) => [...row.underMocks, ...row.againstFakes, ...row.locally]);
    const empty = verifications.filter(
      (row) => row.underMocks.length + row.againstFakes.length + row.locally.length === 0,
    );

    expect(files.filter((file) => !existsSync(`${root}${file}`))).toEqual([]);
    expect(files.every((file) => /^test\/.+\.test\.ts$/.test(file))).toBe(true);
    expect(empty).toEqual([]);
  });

  it("claims nothing was run in real AWS, as the doc says", () => {
    expect(verifications.every((row) => row.inAws === "not run")).toBe(true);
    expect(handoff).toContain("Nothing in this kit has been run in a real AWS account.");
  });
});
