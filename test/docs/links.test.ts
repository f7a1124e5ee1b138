import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

async function markdownFiles(): Promise<string[]> {
  const docs = (await readdir(join(root, "docs"), { recursive: true }))
    .filter((file) => file.endsWith(".md"))
    .map((file) => join(root, "docs", file));
  const folderReadmes = ["stacks", "components", "policies"].map((folder) => join(root, folder, "README.md"));
  return [join(root, "README.md"), ...docs, ...folderReadmes.filter((file) => existsSync(file))];
}

/** Relative link targets in a Markdown text: `[text](target)`, without anchors; web links skipped. */
function relativeLinks(text: string): string[] {
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
  return targets
    .filter((target) => !/^(https?:|mailto:|#)/.test(target))
    .map((target) => decodeURIComponent(target.split("#")[0] ?? ""));
}

describe("documentation links", () => {
  it("points every relative link in the README and docs/ at a file that exists", async () => {
    // Prepare
    const broken: string[] = [];

    // Act
    for (const file of await markdownFiles()) {
      for (const target of relativeLinks(await readFile(file, "utf8"))) {
        if (!existsSync(resolve(dirname(file), target)))
          broken.push(`${file.slice(root.length)} -> ${target}`);
      }
    }

    // Assess
    expect(broken).toEqual([]);
  });
});
