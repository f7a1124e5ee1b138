import { tenantCostAllocationTagKey } from "./costAllocationTag.ts";
import { CurFileError } from "./ledgerReportErrors.ts";
import { readCsvRecords } from "./parseCsv.ts";

/** A Bedrock usage line item of the month, attributed to a tenant by its cost allocation tag, or not. */
export interface CurBedrockLineItem {
  /** The CSV line it starts on, for finding it in the file. */
  readonly line: number;
  /** The `silo:tenant` tag value, or null when the resource carries no such tag. */
  readonly tenantId: string | null;
  /** `line_item_unblended_cost`, as written (a decimal string). */
  readonly costUsd: string;
  readonly usageType: string;
  readonly usageStartDate: string;
  readonly resourceId: string;
}

/** What a CUR file held and what reconciliation uses of it. */
export interface CurBedrockUsage {
  readonly lineItems: readonly CurBedrockLineItem[];
  readonly counts: {
    /** Line items in the file (the header excluded). */
    readonly lineItems: number;
    /** Bedrock usage line items of the month: the ones reconciled. */
    readonly bedrockUsage: number;
    /** Line items of other services. */
    readonly otherProducts: number;
    /** Bedrock line items that are not usage (tax, credits, refunds, fees, discounts). */
    readonly otherLineItemTypes: number;
    /** Bedrock usage line items of another month. */
    readonly otherMonths: number;
  };
}

/** CUR 2.0 column names first, then the legacy CUR's, for each column read. */
export const curColumns = {
  productCode: ["line_item_product_code", "lineItem/ProductCode"],
  lineItemType: ["line_item_line_item_type", "lineItem/LineItemType"],
  unblendedCost: ["line_item_unblended_cost", "lineItem/UnblendedCost"],
  usageStartDate: ["line_item_usage_start_date", "lineItem/UsageStartDate"],
  billingPeriodStartDate: ["bill_billing_period_start_date", "bill/BillingPeriodStartDate"],
  usageType: ["line_item_usage_type", "lineItem/UsageType"],
  resourceId: ["line_item_resource_id", "lineItem/ResourceId"],
  /** CUR 2.0: a map of every activated tag, exported to CSV as a JSON object. */
  resourceTags: ["resource_tags"],
  /** Legacy CUR: a column per activated tag (and its Athena-style spelling). */
  tenantTag: [`resourceTags/${tenantCostAllocationTagKey}`, "resource_tags_user_silo_tenant"],
} as const;

/** Keys the tenant tag may have in the CUR 2.0 `resource_tags` map (normalized spelling included). */
const tenantTagMapKeys = [tenantCostAllocationTagKey, "user_silo_tenant"];

const decimalPattern = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const datePattern = /^(\d{4}-\d{2})-\d{2}/;

/**
 * Picks the Amazon Bedrock usage of one month out of an AWS Cost and Usage Report CSV (CUR 2.0 or legacy
 * column names): line items with product code `AmazonBedrock` and line item type `Usage`, in `month` by
 * their usage start date (or billing period), each attributed to the tenant named by its `user:silo:tenant`
 * cost allocation tag. Costs are kept as the exact strings of `line_item_unblended_cost`; summing them is
 * left to Postgres `numeric`. A file missing a needed column, or with a cost or date that is not one, fails
 * with the line and the fix rather than reconciling against a misread bill. `csv` is the text or its chunks
 * (a file or gunzip stream): read as a stream, only the month's Bedrock usage is kept in memory.
 *
 * @example
 * const usage = await readCurLineItems(createReadStream("cur.csv"), { month: "2026-11", source: "cur.csv" });
 */
export async function readCurLineItems(
  csv: string | AsyncIterable<string | Buffer>,
  options: { readonly month: string; readonly source: string },
): Promise<CurBedrockUsage> {
  const { source } = options;
  const records = readCsvRecords(csv, source);
  // A header that fails leaves the file open: returning the reader closes it.
  try {
    const header = await records.next();
    if (header.done) {
      throw new CurFileError(source, "the file is empty", "export the CUR again (CSV, with a header row)");
    }
    const column = columnIndex(header.value.fields);
    const productCode = column.required("productCode");
    const lineItemType = column.required("lineItemType");
    const unblendedCost = column.required("unblendedCost");
    const usageStartDate = column.optional("usageStartDate");
    const billingPeriodStartDate = column.optional("billingPeriodStartDate");
    if (usageStartDate === undefined && billingPeriodStartDate === undefined)
      column.required("usageStartDate");
    const usageType = column.optional("usageType");
    const resourceId = column.optional("resourceId");
    const resourceTags = column.optional("resourceTags");
    const tenantTag = column.optional("tenantTag");
    if (resourceTags === undefined && tenantTag === undefined) {
      throw new CurFileError(
        source,
        `no tag column (resource_tags, or resourceTags/${tenantCostAllocationTagKey})`,
        `include resource tags in the export and activate the cost allocation tag ${tenantCostAllocationTagKey} in the Billing console`,
      );
    }

    const lineItems: CurBedrockLineItem[] = [];
    const counts = { lineItems: 0, bedrockUsage: 0, otherProducts: 0, otherLineItemTypes: 0, otherMonths: 0 };
    for await (const record of records) {
      const field = (index: number | undefined) => (index === undefined ? "" : (record.fields[index] ?? ""));
      if (record.fields.length === 1 && record.fields[0] === "") continue;
      counts.lineItems += 1;
      if (field(productCode) !== "AmazonBedrock") {
        counts.otherProducts += 1;
        continue;
      }
      if (field(lineItemType) !== "Usage") {
        counts.otherLineItemTypes += 1;
        continue;
      }
      const started = field(usageStartDate) || field(billingPeriodStartDate);
      const month = datePattern.exec(started)?.[1];
      if (month === undefined) {
        throw new CurFileError(
          `${source}:${record.line}`,
          `usage start date ${JSON.stringify(started)} is not a date`,
          "export the CUR again without editing it",
        );
      }
      if (month !== options.month) {
        counts.otherMonths += 1;
        continue;
      }
      const cost = field(unblendedCost).trim();
      if (!decimalPattern.test(cost)) {
        throw new CurFileError(
          `${source}:${record.line}`,
          `line_item_unblended_cost ${JSON.stringify(cost)} is not a number`,
          "export the CUR again without editing it",
        );
      }
      counts.bedrockUsage += 1;
      lineItems.push({
        line: record.line,
        tenantId: tenantOf(field(resourceTags), field(tenantTag), `${source}:${record.line}`),
        costUsd: cost,
        usageType: field(usageType),
        usageStartDate: started,
        resourceId: field(resourceId),
      });
    }
    return { lineItems, counts };
  } finally {
    await records.return(undefined);
  }

  function columnIndex(names: readonly string[]) {
    const positions = new Map(names.map((name, index) => [name.trim(), index]));
    const find = (key: keyof typeof curColumns) =>
      curColumns[key].map((name) => positions.get(name)).find((index) => index !== undefined);
    return {
      optional: find,
      required(key: keyof typeof curColumns): number {
        const index = find(key);
        if (index === undefined) {
          throw new CurFileError(
            source,
            `no column ${curColumns[key].join(" or ")}`,
            "export a Cost and Usage Report (CUR 2.0 from Data Exports, or the legacy CUR) as CSV with its header row",
          );
        }
        return index;
      },
    };
  }
}

function tenantOf(resourceTags: string, legacyTag: string, where: string): string | null {
  const legacy = legacyTag.trim();
  if (legacy !== "") return legacy;
  const text = resourceTags.trim();
  if (text === "" || text === "{}") return null;
  let tags: unknown;
  try {
    tags = JSON.parse(text);
  } catch {
    throw new CurFileError(
      where,
      `resource_tags ${JSON.stringify(text.slice(0, 80))} is not a JSON object`,
      "export the CUR again without editing it",
    );
  }
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) return null;
  for (const key of tenantTagMapKeys) {
    const value = (tags as Record<string, unknown>)[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}
