import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createProgram } from "../../runtime/cli/createProgram.ts";
import { captureContext } from "../runtime/cli/captureContext.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const topLevel = ["runtime/", "tenants/", "docs/", "test/", "stacks/", "components/", "policies/", ".ci/"];

async function documents(): Promise<Array<{ file: string; text: string }>> {
  const docs = (await readdir(join(root, "docs"), { recursive: true })).filter((file) =>
    file.endsWith(".md"),
  );
  const files = ["README.md", ...docs.map((file) => join("docs", file))];
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(root, file), "utf8") })));
}

describe("documentation references", () => {
  it("names only repository paths that exist", async () => {
    const missing: string[] = [];
    for (const { file, text } of await documents()) {
      for (const match of text.matchAll(/`([A-Za-z0-9_./-]+)`/g)) {
        const path = match[1] ?? "";
        if (!topLevel.some((prefix) => path.startsWith(prefix)) || path.includes("<")) continue;
        if (!existsSync(join(root, path.replace(/[.,:;]$/, "")))) missing.push(`${file}: ${path}`);
      }
    }

    expect(missing).toEqual([]);
  });

  it("shows only silo commands that exist in the CLI", async () => {
    // Commands as the docs show them: in inline code or code blocks, `silo` or `npx silo` followed by
    // subcommand words up to the first option, placeholder or argument.
    const commands = new Set<string>();
    for (const { text } of await documents()) {
      const code = [...text.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)].map((match) => match[0]).join("\n");
      for (const match of code.matchAll(/(?:^|[\s`(=])(?:npx )?silo((?: [a-z][a-z-]*)+)/gm)) {
        const words = (match[1] ?? "").trim().split(" ");
        // Stop before a positional argument such as a tenant id: keep only words that are subcommands.
        commands.add(words.slice(0, 2).join(" "));
      }
    }
    // Resolved against the CLI's own command tree: `--help` cannot tell, since commander answers it with
    // the nearest known command's help for any words.
    const program = createProgram(captureContext());
    const failing: string[] = [];
    for (const command of commands) {
      const [first = "", second] = command.split(" ");
      const top = program.commands.find((candidate) => candidate.name() === first);
      const needsSub = top !== undefined && top.commands.length > 0;
      const known =
        top !== undefined && (!needsSub || top.commands.some((candidate) => candidate.name() === second));
      if (!known) failing.push(command);
    }

    expect(commands.size).toBeGreaterThan(5);
    expect(failing).toEqual([]);
  });
});
