import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { problemTypes } from "../../runtime/api/problemFromError.ts";

const apiDoc = new URL("../../docs/api.md", import.meta.url);

/** The error table of docs/api.md: status -> the codes listed in its row. */
async function documentedCodes(): Promise<Map<number, string[]>> {
  const text = await readFile(apiDoc, "utf8");
  const table = new Map<number, string[]>();
  for (const line of text.split("\n")) {
    const cells = /^\|\s*(\d{3})\s*\|[^|]*\|([^|]*)\|\s*$/.exec(line);
    if (!cells) continue;
    table.set(
      Number(cells[1]),
      [...(cells[2] ?? "").matchAll(/`([A-Z_]+)`/g)].map((match) => match[1] ?? ""),
    );
  }
  return table;
}

describe("docs/api.md error table", () => {
  it("lists every error code the API answers with, under the status it answers", async () => {
    const table = await documentedCodes();
    const expected = new Map<number, string[]>([[500, ["INTERNAL_ERROR"]]]);
    for (const [code, type] of Object.entries(problemTypes)) {
      expected.set(type.status, [...(expected.get(type.status) ?? []), code]);
    }

    for (const [status, codes] of expected) {
      expect({ status, codes: [...(table.get(status) ?? [])].sort() }).toEqual({
        status,
        codes: [...codes].sort(),
      });
    }
    expect([...table.keys()].sort()).toEqual([...expected.keys()].sort());
  });
});
