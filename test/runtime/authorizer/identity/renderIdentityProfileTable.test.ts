import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { identityProfileNames } from "../../../../runtime/authorizer/identity/identityProfiles.ts";
import {
  identityTableMarker,
  renderIdentityProfileTable,
  withIdentityProfileTable,
} from "../../../../runtime/authorizer/identity/renderIdentityProfileTable.ts";

/** A Markdown table's cells, trimmed, with separator rows dropped: what stays when a formatter pads it. */
function cells(table: string): string[][] {
  return table
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
}

describe("renderIdentityProfileTable", () => {
  it("has one row per profile", () => {
    expect(cells(renderIdentityProfileTable()).map((row) => row[0])).toEqual([
      "Profile",
      ...identityProfileNames.map((name) => `\`${name}\``),
    ]);
  });

  it("is what docs/identity.md shows; regenerate it with npx tsx runtime/authorizer/identity/writeIdentityProfileTable.ts", async () => {
    // Act
    const docs = await readFile(new URL("../../../../docs/identity.md", import.meta.url), "utf8");
    const [, shown = ""] = docs.split(identityTableMarker);

    // Assess
    expect(cells(shown)).toEqual(cells(renderIdentityProfileTable()));
  });

  it("puts the table between the markers, keeping them", () => {
    const document = withIdentityProfileTable(`a\n${identityTableMarker}\nold\n${identityTableMarker}\nb`);

    expect(document.startsWith(`a\n${identityTableMarker}\n\n| Profile`)).toBe(true);
    expect(document.endsWith(`\n\n${identityTableMarker}\nb`)).toBe(true);
    expect(() => withIdentityProfileTable("no markers")).toThrow("no pair of");
  });
});
