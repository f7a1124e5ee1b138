import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { routes } from "../../runtime/api/routes.ts";
import { scopes } from "../../runtime/api/scopes.ts";

const apiDoc = await readFile(new URL("../../docs/api.md", import.meta.url), "utf8");

/** The rows of the first Markdown table under `## heading`, as trimmed cells without backticks. */
function tableUnder(heading: string): string[][] {
  const section = apiDoc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (section === undefined) throw new Error(`docs/api.md has no "## ${heading}" section`);
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim().replaceAll("`", "")),
    );
  return rows.slice(2); // header and separator
}

describe("docs/api.md", () => {
  it("lists exactly the routes of the route table, in its order, with scope, group and summary", () => {
    // Prepare
    const expected = routes.map((route) => [
      route.method,
      route.path,
      route.scope ?? "none",
      route.group,
      route.summary,
    ]);

    // Act
    const documented = tableUnder("Endpoints");

    // Assess
    expect(documented).toEqual(expected);
  });

  it("lists exactly the scopes the platform knows, with what each grants", () => {
    const documented = tableUnder("Authentication and scopes");

    expect(documented).toEqual(Object.entries(scopes));
  });

  it("says how to regenerate the OpenAPI document", () => {
    expect(apiDoc).toContain("npx silo openapi --format yaml");
  });
});
