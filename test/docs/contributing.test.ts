import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const guide = await readFile(join(root, "docs/contributing.md"), "utf8");

/** The repository folders a walkthrough can name a file or folder under. */
const topLevel = ["runtime/", "tenants/", "docs/", "test/", "stacks/", "components/", "policies/"];

/** Every repository path the guide names in inline code, placeholders (`<service>`) aside. */
function namedPaths(text: string): string[] {
  const paths = [...text.matchAll(/`([A-Za-z0-9_./<>-]+)`/g)]
    .map((match) => (match[1] ?? "").replace(/[.,:;]$/, ""))
    .filter((path) => topLevel.some((prefix) => path.startsWith(prefix)) && !path.includes("<"));
  return [...new Set(paths)];
}

/** The `## ` sections of the guide, by heading. */
function sections(text: string): Map<string, string> {
  return new Map(
    text
      .split(/^## /m)
      .slice(1)
      .map((part) => [part.slice(0, part.indexOf("\n")), part] as const),
  );
}

describe("docs/contributing.md", () => {
  it("names only files and folders that exist", () => {
    const missing = namedPaths(guide).filter((path) => !existsSync(join(root, path)));

    expect(missing).toEqual([]);
  });

  it("walks through a route, a model provider, a policy rule and a tenant setting, each naming files", () => {
    const walkthroughs = sections(guide);

    const named = [...walkthroughs].map(([heading, text]) => [heading, namedPaths(text).length > 3]);

    expect(named).toEqual([
      ["Add a route to the tenant API", true],
      ["Add a model provider", true],
      ["Add a policy rule", true],
      ["Add a tenant setting", true],
    ]);
  });
});
