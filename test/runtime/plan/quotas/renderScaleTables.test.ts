import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { awsQuotas } from "../../../../runtime/plan/quotas/awsQuotas.ts";
import { planReferenceFleet } from "../../../../runtime/plan/quotas/referenceFleet.ts";
import {
  ceilingTableMarker,
  quotaTableMarker,
  renderCeilingTable,
  renderQuotaTable,
  withScaleTables,
} from "../../../../runtime/plan/quotas/renderScaleTables.ts";

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

const regenerate = "regenerate them with npx tsx runtime/plan/quotas/writeScaleTables.ts";

describe("docs/scale.md", () => {
  it(`shows the quota table of awsQuotas.ts; ${regenerate}`, async () => {
    const docs = await readFile(new URL("../../../../docs/scale.md", import.meta.url), "utf8");
    const [, shown = ""] = docs.split(quotaTableMarker);

    expect(cells(shown)).toEqual(cells(renderQuotaTable(awsQuotas)));
    expect(cells(shown)).toHaveLength(awsQuotas.length + 1);
  });

  it(`shows the ceilings the reference fleet's plan reports; ${regenerate}`, async () => {
    // Act
    const { atDefaults, raised } = await planReferenceFleet();
    const docs = await readFile(new URL("../../../../docs/scale.md", import.meta.url), "utf8");
    const [, shown = ""] = docs.split(ceilingTableMarker);

    // Assess
    expect(cells(shown)).toEqual(cells(renderCeilingTable(atDefaults, raised)));
    expect(shown).toContain(renderCeilingTable(atDefaults, raised).split("\n")[0]);
    // The design's figures: RDS binds first at defaults (the ledger takes one of 40); raised, the fixed 600 APIs.
    expect(atDefaults.binding[0]).toMatchObject({ id: "rds-db-instances", breaksAtTenant: 40 });
    expect(raised.binding[0]).toMatchObject({ id: "apigateway-regional-apis", breaksAtTenant: 601 });
  }, 120_000);

  it("puts each table between its markers, keeping them, and refuses a document without them", () => {
    const document = `a\n${quotaTableMarker}\nold\n${quotaTableMarker}\nb\n`;

    expect(withScaleTables(document, { [quotaTableMarker]: "| x |" })).toBe(
      `a\n${quotaTableMarker}\n\n| x |\n\n${quotaTableMarker}\nb\n`,
    );
    expect(() => withScaleTables("a\n", { [quotaTableMarker]: "| x |" })).toThrow(
      `the document has no pair of ${quotaTableMarker} lines to put the table between`,
    );
  });
});
