import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatCsv } from "../../../../../runtime/cli/ledger/reports/formatCsv.ts";
import { readCurLineItems } from "../../../../../runtime/cli/ledger/reports/readCurLineItems.ts";

const fixture = new URL("../../../../fixtures/cur/cur-2026-11-bedrock.csv", import.meta.url);

/** A minimal CUR 2.0 file with `rows` under the given header. */
function cur(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return formatCsv([header, ...rows]);
}

const cur2Header = [
  "bill_billing_period_start_date",
  "line_item_line_item_type",
  "line_item_product_code",
  "line_item_unblended_cost",
  "line_item_usage_start_date",
  "line_item_usage_type",
  "resource_tags",
];

describe("readCurLineItems", () => {
  it("picks the month's tagged and untagged Bedrock usage out of the sample CUR 2.0 export", async () => {
    // Prepare
    const text = await readFile(fixture, "utf8");

    // Act
    const usage = await readCurLineItems(text, { month: "2026-11", source: "cur.csv" });

    // Assess
    expect(usage.counts).toEqual({
      lineItems: 20,
      bedrockUsage: 17,
      otherProducts: 2,
      otherLineItemTypes: 1,
      otherMonths: 0,
    });
    const of = (tenantId: string | null) => usage.lineItems.filter((item) => item.tenantId === tenantId);
    expect(of("acme-health")).toHaveLength(8);
    expect(of("globex")).toHaveLength(8);
    expect(of(null)).toEqual([
      expect.objectContaining({
        costUsd: "0.0042000000",
        usageType: "USE1-NovaMicro-input-tokens",
        resourceId: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0",
      }),
    ]);
    expect(usage.lineItems[0]).toMatchObject({
      line: 2,
      tenantId: "acme-health",
      costUsd: "0.0240000000",
      usageType: "USE1-Claude4Sonnet-cache-read-input-token-count",
      usageStartDate: "2026-11-03T00:00:00.000Z",
    });
  });

  it("reads the legacy CUR's column names and its tag column", async () => {
    const text = cur(
      [
        "lineItem/LineItemType",
        "lineItem/ProductCode",
        "lineItem/UnblendedCost",
        "lineItem/UsageStartDate",
        "resourceTags/user:silo:tenant",
      ],
      [
        ["Usage", "AmazonBedrock", "0.25", "2026-11-02T00:00:00Z", "globex"],
        ["Usage", "AmazonBedrock", "0.5", "2026-11-02T00:00:00Z", ""],
      ],
    );

    const usage = await readCurLineItems(text, { month: "2026-11", source: "legacy.csv" });

    expect(usage.lineItems.map((item) => [item.tenantId, item.costUsd])).toEqual([
      ["globex", "0.25"],
      [null, "0.5"],
    ]);
  });

  it("accepts the tag key as user:silo:tenant or in its normalized spelling user_silo_tenant", async () => {
    const text = cur(cur2Header, [
      ["2026-11-01", "Usage", "AmazonBedrock", "1", "2026-11-03", "x", '{"user_silo_tenant":"globex"}'],
      ["2026-11-01", "Usage", "AmazonBedrock", "1", "2026-11-03", "x", '{"user:other":"acme-health"}'],
      ["2026-11-01", "Usage", "AmazonBedrock", "1", "2026-11-03", "x", "{}"],
    ]);

    const usage = await readCurLineItems(text, { month: "2026-11", source: "cur.csv" });

    expect(usage.lineItems.map((item) => item.tenantId)).toEqual(["globex", null, null]);
  });

  it("counts Bedrock usage of other months, other line item types and other services apart", async () => {
    const text = cur(cur2Header, [
      ["2026-10-01", "Usage", "AmazonBedrock", "1", "2026-10-31T23:00:00Z", "x", ""],
      ["2026-11-01", "Credit", "AmazonBedrock", "-5", "2026-11-01", "x", ""],
      ["2026-11-01", "Usage", "AmazonEC2", "3", "2026-11-01", "x", ""],
      ["2026-11-01", "Usage", "AmazonBedrock", "1E-4", "", "x", '{"user:silo:tenant":"acme-health"}'],
    ]);

    const usage = await readCurLineItems(text, { month: "2026-11", source: "cur.csv" });

    expect(usage.counts).toEqual({
      lineItems: 4,
      bedrockUsage: 1,
      otherProducts: 1,
      otherLineItemTypes: 1,
      otherMonths: 1,
    });
    expect(usage.lineItems[0]).toMatchObject({ costUsd: "1E-4", usageStartDate: "2026-11-01" });
  });

  it("fails on a missing column, naming it and how to export the report", async () => {
    const text = cur(["line_item_product_code", "line_item_line_item_type", "resource_tags"], []);

    await expect(readCurLineItems(text, { month: "2026-11", source: "cur.csv" })).rejects.toThrow(
      expect.objectContaining({
        code: "CUR_INVALID",
        message:
          "cur.csv: no column line_item_unblended_cost or lineItem/UnblendedCost; export a Cost and Usage Report " +
          "(CUR 2.0 from Data Exports, or the legacy CUR) as CSV with its header row",
      }),
    );
  });

  it("fails when the export has no tag column, since every cost would be unattributed", async () => {
    const text = cur(cur2Header.slice(0, 6), []);

    await expect(readCurLineItems(text, { month: "2026-11", source: "cur.csv" })).rejects.toThrow(
      /no tag column \(resource_tags, or resourceTags\/user:silo:tenant\); include resource tags in the export and activate the cost allocation tag user:silo:tenant/,
    );
  });

  it("fails on a cost that is not a number, naming the line", async () => {
    const text = cur(cur2Header, [["2026-11-01", "Usage", "AmazonBedrock", "1,5", "2026-11-03", "x", ""]]);

    await expect(readCurLineItems(text, { month: "2026-11", source: "cur.csv" })).rejects.toThrow(
      'cur.csv:2: line_item_unblended_cost "1,5" is not a number; export the CUR again without editing it',
    );
  });

  it("fails on an empty file", async () => {
    await expect(readCurLineItems("", { month: "2026-11", source: "cur.csv" })).rejects.toThrow(
      /cur\.csv: the file is empty/,
    );
  });
});
