import { describe, expect, it } from "vitest";
import { formatCsv } from "../../../../../runtime/cli/ledger/reports/formatCsv.ts";
import { parseCsv } from "../../../../../runtime/cli/ledger/reports/parseCsv.ts";

describe("formatCsv", () => {
  it("ends every record with CRLF and leaves plain fields unquoted", () => {
    expect(
      formatCsv([
        ["tenant", "usd"],
        ["acme-health", "1.846200"],
      ]),
    ).toBe("tenant,usd\r\nacme-health,1.846200\r\n");
  });

  it("quotes fields with commas, quotes, line breaks or edge spaces, doubling the quotes", () => {
    expect(formatCsv([["a,b", 'say "hi"', "two\nlines", " padded", "plain"]])).toBe(
      '"a,b","say ""hi""","two\nlines"," padded",plain\r\n',
    );
  });

  it("round-trips through parseCsv", () => {
    const rows = [
      ["id", "note", ""],
      ["x", '"quoted", with comma\r\nand a break', "y"],
    ];

    expect([...parseCsv(formatCsv(rows))].map((record) => record.fields)).toEqual(rows);
  });
});
